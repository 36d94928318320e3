"""The `policing-kg` command: a thin layer over the functions of the graph package."""

from __future__ import annotations

import contextlib
import re
import sys
import textwrap
from pathlib import Path

import click

from graph.problems import DataError

DATA = click.option("--data", "data_dir", default="data", show_default=True,
                    type=click.Path(file_okay=False, path_type=Path), help="The curated data folder.")
BASE = click.option("--base", default=None, envvar="POLICING_KG_BASE",
                    help="Base IRI of minted ids (default https://w3id.org/policing-kg/id/).")


SHACL = click.option("--shacl", "validator", default="shacl-rust", show_default=True,
                     type=click.Choice(["shacl-rust", "pyshacl"]), help="The SHACL validator (same results).")
QUIET = click.option("-q", "--quiet", is_flag=True, help="No progress bar (it is shown only on a terminal anyway).")


def _progress(length: int, label: str, quiet: bool):
    """A click progress bar on a terminal; a do-nothing stand-in otherwise or with --quiet."""
    import contextlib

    if quiet or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    return click.progressbar(length=length, label=label, file=sys.stderr)


@contextlib.contextmanager
def _step_progress(steps: tuple[str, ...], quiet: bool):
    """A progress callback for graph.pipeline: each call names the step that starts."""
    with _progress(len(steps), steps[0], quiet) as bar:
        started = []

        def advance(label: str) -> None:
            if bar is None:
                return
            if started:
                bar.update(1)
            started.append(label)
            bar.label = label

        yield advance
        if bar is not None:
            bar.update(len(steps) - bar.pos)


def _fail(message: str, status: int = 2) -> None:
    """One line on standard error, then exit: for mistakes in the command's own options."""
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


def fail_on_data_error(function):
    """Report a DataError as a list of problems and exit 1, never as a traceback."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except DataError as error:
            click.echo(error.report(), err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policing-kg")
def main():
    """A knowledge graph of UK policing bodies and what inspections found about them.

    Every fact cites its source document and a verbatim quote. Start with `build`.
    """


@main.command()
@DATA
@click.option("--out", "out_dir", default="exports", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where to write the exports.")
@BASE
@click.option("--no-pages", is_flag=True, help="Skip the views gallery and the entity pages (the RDF only).")
@SHACL
@QUIET
@click.option("--timings", is_flag=True, help="Print the wall and CPU time of each step to standard error.")
@fail_on_data_error
def build(data_dir: Path, out_dir: Path, base: str | None, no_pages: bool, validator: str, quiet: bool,
          timings: bool):
    """Check the data and write the graph, its views and its pages to the exports folder."""
    from graph.pipeline import BUILD_STEPS
    from graph.pipeline import build as build_graph

    steps = BUILD_STEPS[:-2] if no_pages else BUILD_STEPS
    with _step_progress(steps, quiet) as progress:
        report = build_graph(data_dir, out_dir, base, progress=progress, pages=not no_pages, validator=validator)
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(f"{report.triples} triples ({report.quads} quads in named graphs) in {report.seconds:.1f} s")
    if timings:
        for label, wall, cpu in report.timings:
            click.echo(f"{label:<40} {f'{wall:7.2f} s wall' if wall else ' ' * 13} {cpu:7.2f} s CPU", err=True)


@main.command()
@DATA
@BASE
@SHACL
@QUIET
@click.option("--strict-drafts", is_flag=True,
              help="Exit with status 1 when an unreviewed draft has a problem too (by default only the "
                   "curated data's problems do; the drafts' are reported either way).")
def validate(data_dir: Path, base: str | None, validator: str, quiet: bool, strict_drafts: bool):
    """Run every check on the data without writing anything, then check the unreviewed drafts
    (quotes, references, ids), reporting each draft's problems under its own heading."""
    from graph.data.drafts import check_drafts
    from graph.data.records import SkippedDraft, drafts_note
    from graph.pipeline import LOAD_STEPS
    from graph.pipeline import validate as validate_data

    with _step_progress(LOAD_STEPS, quiet) as progress:
        problems, warnings = validate_data(data_dir, base, progress=progress, validator=validator)
    for problem in [*problems, *warnings]:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", err=True)
    else:
        counted = f" ({len(warnings)} warning{'s' if len(warnings) > 1 else ''})" if warnings else ""
        click.echo(f"{data_dir}: no problems{counted}.")
    drafts = check_drafts(data_dir)
    note = drafts_note([SkippedDraft(d.file, d.records, d.whole_file) for d in drafts])
    if note:
        click.echo(note)
    for draft in drafts:
        click.echo(draft.heading())
        for problem in [*draft.problems, *draft.warnings]:
            click.echo(textwrap.indent(str(problem), "  "))
    in_drafts = sum(len(d.problems) for d in drafts)
    if in_drafts and strict_drafts:
        click.echo(f"{in_drafts} problem{'s' if in_drafts != 1 else ''} found in drafts (--strict-drafts).")
    sys.exit(1 if problems or (in_drafts and strict_drafts) else 0)


@main.command()
@DATA
@BASE
@click.option("--format", "-t", "fmt", default="ttl", show_default=True,
              type=click.Choice(["ttl", "trig", "jsonld", "nt", "nq", "xml", "graphml", "gexf", "csv"]),
              help="RDF (ttl ... xml), or the network for network tools: graphml (Gephi, yEd, Cytoscape), gexf "
                   "(Gephi, with dates as time intervals), csv (nodes.csv and edges.csv for Gephi's spreadsheet "
                   "import; -o names a folder).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (default: standard output); for csv, the folder to write the two tables into.")
@fail_on_data_error
def export(data_dir: Path, base: str | None, fmt: str, output: Path | None):
    """Write the graph in one format to a file or standard output."""
    from graph.pipeline import export_files
    from graph.rdf.exports import write_atomic

    if fmt == "csv" and output is None:
        click.echo("Error: csv is two tables, nodes.csv and edges.csv: give -o FOLDER to write them into.", err=True)
        sys.exit(2)
    if fmt != "csv" and output is not None and output.is_dir():
        click.echo(f"Error: {output} is a folder: give a file name (e.g. {output / ('policing.' + fmt)}).", err=True)
        sys.exit(2)
    files = export_files(data_dir, fmt, base)
    if output is None:
        sys.stdout.buffer.write(next(iter(files.values())))
        sys.stdout.flush()
    elif fmt == "csv":
        for name, data in files.items():
            write_atomic(output / name, lambda data=data: data)
            click.echo(f"wrote {output / name}", err=True)
    else:
        data = next(iter(files.values()))
        write_atomic(output, lambda: data)
        click.echo(f"wrote {output}", err=True)


# --- SPARQL: query, queries, serve (graph.sparql, graph.sparql.catalogue, graph.serve.endpoint) ---------------

STORE = click.option("--store", default="oxigraph", show_default=True, type=click.Choice(["oxigraph", "rdflib"]),
                     help="The SPARQL engine: pyoxigraph (fast) or rdflib.")


@main.command()
@click.argument("text", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from FILE.")
@click.option("-n", "--name", help="Run a catalogue query by name (see `policing-kg queries`).")
@click.option("-b", "--bind", "binds", multiple=True, metavar="VAR=VALUE",
              help="Bind a variable: force=force:essex, name='\"Zoë Billingham\"'. Repeatable.")
@click.option("--format", "-t", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "jsonld", "nt"]),
              help="table/csv/tsv/json/xml for SELECT and ASK; ttl/jsonld/nt for CONSTRUCT and DESCRIBE.")
@click.option("--timeout", type=float, default=None, help="Stop the query after this many seconds.")
@STORE
@DATA
@BASE
@click.option("--store-dir", default="exports/store", show_default=True, type=click.Path(path_type=Path),
              help="The store `build` writes; used while it is up to date with --data, else the data is read.")
@click.option("--endpoint", metavar="URL",
              help="Ask a remote SPARQL endpoint (after `push`) instead of the local store; its default graph "
                   "must be the union of the source graphs.")
@fail_on_data_error
def query(text, query_file, name, binds, fmt, timeout, store, data_dir, base, store_dir, endpoint):
    """Run a SPARQL query (argument, -f FILE, --name NAME or standard input); prefixes are bound.

    ASK prints true or false and exits 0 for true, 1 for false. Errors exit 2."""
    sys.exit(_run_query(text, query_file, name, binds, fmt, timeout, store, data_dir, base, store_dir, endpoint))


def _run_query(text, query_file, name, binds, fmt, timeout, store, data_dir, base, store_dir=None,
               endpoint=None) -> int:
    """What `policing-kg query` does; returns the exit status (ASK: 0 true, 1 false; errors: 2).

    It is CLI work (where the text comes from, which --format fits the query's form, the exit
    status), so it lives here, above the pipeline (open_graph) and graph.sparql."""
    from graph.pipeline import open_graph
    from graph.problems import DataError, QueryError
    from graph.sparql.engines import Engine, run_confined
    from graph.sparql.results import GRAPH_FORMATS, RESULT_FORMATS

    values_at = None
    try:
        sources = [s for s in (text is not None, query_file is not None, name is not None) if s]
        if len(sources) > 1:
            raise QueryError("bad-request", "give the query one way only: as an argument, -f FILE or --name")
        bindings = {}
        for bind in binds:
            variable, equals, value = bind.partition("=")
            if not equals:
                raise QueryError("bad-request", f"--bind takes VAR=VALUE, not {bind!r}")
            bindings[variable.strip()] = value
        if name is not None:
            from graph.sparql.catalogue import get

            entry = get(name)
            text, bindings, values_at = entry.text, entry.bindings(bindings), entry.values_at
        elif query_file is not None:
            text = query_file.read()
        elif text is None:
            stdin = sys.stdin
            if stdin.isatty():
                raise QueryError("bad-request", "give a query: as an argument, -f FILE, --name NAME or on stdin")
            text = stdin.read()
        if endpoint is not None:
            from graph.pipeline import default_base
            from graph.sparql.remote import RemoteGraph

            engine = Engine(RemoteGraph(endpoint, base or default_base(), timeout), "endpoint")
        else:
            engine = Engine(open_graph(data_dir, base, store_dir), store)

        def work():  # in a child the kernel cuts off the network, under the time limit
            analysis = engine.analyse(text)
            chosen = fmt
            if analysis.kind == "graph" and chosen in RESULT_FORMATS:
                chosen = "ttl" if chosen == "table" else chosen
            if analysis.kind == "graph" and chosen not in GRAPH_FORMATS:
                raise QueryError("bad-request", f"{analysis.form} gives a graph: choose --format ttl, jsonld or nt")
            if analysis.kind == "results" and chosen not in RESULT_FORMATS:
                raise QueryError("bad-request", f"{analysis.form} gives results: choose --format table, csv, "
                                                "tsv, json or xml")
            result = engine.run(text, bindings, timeout=timeout if endpoint else None, analysis=analysis,
                                values_at=values_at)
            return result.form, result.boolean, result.serialise(chosen, engine.prefixes)

        if endpoint is not None:  # the endpoint answers: this process must connect to it, so no child
            form, boolean, body = work()
        else:
            form, boolean, body = run_confined(work, timeout, None, engine.query_memory)
        for warning in engine.absent_iris(bindings):
            click.echo(f"warning: {warning}", err=True)
    except QueryError as error:
        click.echo(f"error: {error}", err=True)
        return 2
    except DataError as error:  # 2, not validate's 1: a script must tell "false" from "broken"
        click.echo(error.report(), err=True)
        return 2
    click.echo(body, nl=False)
    if form == "ASK":
        return 0 if boolean else 1
    return 0


@main.command("find-entity")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--kind", "kinds", multiple=True, metavar="CLASS", help="Only entities of this class (e.g. PoliceForce).")
@click.option("--format", "-t", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@DATA
@BASE
@click.option("--store-dir", default="exports/store", show_default=True, type=click.Path(path_type=Path),
              help="The store `build` writes, with its search index; used while it is up to date with --data.")
@fail_on_data_error
def find_entity(text, limit, kinds, fmt, data_dir, base, store_dir):
    """Find entities by name, alias, description or evidence quote (a full-text index; case,
    accents and spacing ignored: "predpol" finds "Pred Pol"). Exits 1 when nothing matches."""
    import json
    import tempfile

    from graph.pipeline import open_graph
    from graph.rdf.search import search, write_index

    kg = open_graph(data_dir, base, store_dir)
    directory = getattr(kg, "directory", None)
    with tempfile.TemporaryDirectory(prefix="policing-kg-search-") as temporary:
        if directory is None:  # the store is missing or stale: index the freshly loaded graph
            directory = write_index(kg.store(), kg.base, Path(temporary)).parent
        matches = search(directory, text, limit, tuple(kinds))
    if fmt == "json":
        click.echo(json.dumps([m.__dict__ for m in matches], ensure_ascii=False, indent=1))
    else:
        for m in matches:
            click.echo(f"{m.entity.removeprefix(kg.base):60} {m.label[:60]:60} {m.kind}")
    sys.exit(0 if matches else 1)


@main.command()
@click.option("-v", "--verbose", is_flag=True, help="Show each query's description and parameters.")
def queries(verbose):
    """List the catalogue of research questions (run one with `query --name NAME`)."""
    from graph.sparql.catalogue import load_catalogue

    for entry in load_catalogue().values():
        click.echo(f"{entry.name:34} {entry.title}")
        if verbose:
            click.echo(f"{'':34} {entry.description}")
            for p in entry.parameters:
                given = f"optional, e.g. {p.default}" if p.optional else f"default {p.default}"
                click.echo(f"{'':34} param {p.name} ({given}): {p.description}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Per-query time limit in seconds.")
@click.option("--max-rows", default=10_000, show_default=True, type=int, help="Result-size limit.")
@click.option("--max-concurrent", type=click.IntRange(min=1),
              help="Queries evaluated at once, each in its own pre-started worker process (default: one per "
                   "CPU core, two at least).")
@click.option("--query-memory", default=1024, show_default=True, type=click.IntRange(min=0),
              help="MiB of address space a query may add to its worker (RLIMIT_AS); past it the query "
                   "fails and the worker is replaced. 0: no cap.")
@click.option("--queue-wait", default=5.0, show_default=True, type=float,
              help="Seconds a connection may wait for a free worker before 503 (busy).")
@click.option("--idle-timeout", default=30.0, show_default=True, type=float,
              help="Seconds a connection may stay silent before it is closed.")
@click.option("--max-connections", default=64, show_default=True, type=int, help="Open connections at once.")
@click.option("--allow-origin", "allowed_origins", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN (e.g. http://localhost:8000, or *) read query answers; "
                   "default: none (CORS off for /sparql). Repeatable.")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Accept this Host header name besides the bound address (or * for any). Repeatable.")
@STORE
@DATA
@BASE
@click.option("--store-dir", default="exports/store", show_default=True, type=click.Path(path_type=Path),
              help="The store `build` writes; used while it is up to date with --data, else one is written "
                   "to a temporary folder.")
@fail_on_data_error
def serve(host, port, timeout, max_rows, max_concurrent, query_memory, queue_wait, idle_timeout, max_connections,
          allowed_origins, allowed_hosts, store, data_dir, base, store_dir):
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql (query page at /).

    Queries run in worker processes that the kernel cuts off the network (a network namespace
    and a seccomp filter), each with a memory cap; one past its time limit is killed and replaced."""
    from graph.pipeline import load, open_graph
    from graph.serve.endpoint import make_server
    from graph.sparql.confine import ConfinementError

    kg = open_graph(data_dir, base, store_dir)
    stored = getattr(kg, "directory", None)
    try:
        server = make_server(kg, host, port, store=store, timeout=timeout, max_rows=max_rows,
                             max_concurrent=max_concurrent, query_memory=(query_memory << 20) or None,
                             queue_wait=queue_wait,
                             idle_timeout=idle_timeout, max_connections=max_connections,
                             allowed_origins=allowed_origins, allowed_hosts=allowed_hosts, store_dir=stored,
                             load_graph=lambda: load(data_dir, base, shapes=False),
                             log=lambda m: click.echo(m, err=True))
    except ConfinementError as error:
        _fail(f"cannot serve: {error}")
    except OSError as error:  # the port is taken, or the address is not this machine's
        _fail(f"cannot listen on {host}:{port}: {error.strerror or error}; choose another --port or --host")
    click.echo(f"SPARQL endpoint at {server.url}/sparql (query page {server.url}/); "
               f"query workers: {', '.join(server.pool.measures)}; Ctrl-C stops it", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _source_id(ctx, param, value):
    if value is not None and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise click.BadParameter(f"{value!r}: an id is lower-case letters and digits joined by hyphens, "
                                 "e.g. hmicfrs-peel-2021-22-norfolk")
    return value


def _report_date(ctx, param, value):
    if value:
        from graph.data.dates import parse_point

        try:
            parse_point(value)
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
    return value


def _report_files(paths: tuple[Path, ...]) -> list[Path]:
    """The reports named, a folder standing for the .txt and .pdf files in it (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".pdf") and p.is_file())
        else:
            files.append(path)
    return files


@main.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--source-id", callback=_source_id,
              help="Id of the report in data/sources/sources.yaml (one report only; default: from its file name).")
@click.option("--title", default="", help="The report's title.")
@click.option("--publisher", default="", help="Id of the publisher, e.g. org/hmic.")
@click.option("--date", default="", callback=_report_date,
              help='When it was published: "2014", "2014-06" or "2014-06-30".')
@click.option("--force", "subject", default="", help="Id of the force it is about (default: the one it names most).")
@DATA
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="One report: the draft file (default: standard output). Several: the folder for the drafts, "
                   "one <source-id>.yaml each (default: <data>/records).")
@QUIET
def extract(reports: tuple[Path, ...], source_id: str | None, title: str, publisher: str, date: str, subject: str,
            data_dir: Path, output: Path | None, quiet: bool):
    """Draft records (reviewed: false) from reports' text or PDF files (or folders of them), for review."""
    from graph.ingest.extraction import Known
    from graph.ingest.extraction import extract as extract_draft
    from graph.ingest.reports import ReportError, read_report
    from graph.rdf.exports import write_atomic

    files = _report_files(reports)
    if not files:
        raise click.UsageError("no .txt or .pdf report in " + ", ".join(map(str, reports)))
    several = len(files) > 1 or any(p.is_dir() for p in reports)
    if several and source_id:
        raise click.UsageError("--source-id names one report; with several, each is named after its file")
    import difflib

    known = Known.of(data_dir)
    if subject and subject not in known.forces():
        close = difflib.get_close_matches(subject, sorted(known.forces()), n=1)
        raise click.UsageError(f"--force {subject!r} is not a police force of {data_dir}/records"
                               + (f"; did you mean {close[0]}?" if close else "; see reference-forces.yaml"))
    folder = (output or data_dir / "records") if several else None
    rows, failed = [], 0
    with _progress(len(files), "extract", quiet) as bar:
        for path in files:
            sid = source_id or re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "report"
            try:
                text = read_report(path)
            except ReportError as error:
                click.echo(f"error: {error}", err=True)
                failed += 1
                continue
            finally:
                if bar is not None:
                    bar.update(1)
            if not text.strip():
                click.echo(f"error: {path}: no text in it (a scanned PDF? run OCR on it first)", err=True)
                failed += 1
                continue
            if path.suffix.lower() == ".pdf":
                text_file = path.with_suffix(".txt")
                if not text_file.exists():
                    text_file.write_text(text, encoding="utf-8")
                    click.echo(f"wrote the PDF's text to {text_file}: cite that file in sources.yaml", err=True)
            draft = extract_draft(text, sid, title=title, publisher=publisher, date=date, subject=subject,
                                  known=known)
            data = draft.to_yaml().encode("utf-8")
            target = folder / f"{sid}.yaml" if folder else output
            if target is None:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            else:
                write_atomic(target, lambda data=data: data)
            rows.append((str(target or "-"), draft.counts() | {"acronyms": len(draft.acronyms)}))
    if rows and (several or output is not None):
        names = list(rows[0][1])
        width = max(len(r[0]) for r in rows)
        click.echo(f"{'draft':{width}}  " + "  ".join(names), err=not several)
        for name, counts in rows:
            click.echo(f"{name:{width}}  " + "  ".join(f"{counts[n]:>{len(n)}}" for n in names), err=not several)
        click.echo(f"{len(rows)} draft(s) written, all unreviewed" + (f"; {failed} report(s) failed" if failed else ""),
                   err=not several)
    if failed:
        sys.exit(1)


# --- Scale: synth, push (graph.scale.synth, graph.scale.push) ------------------------------------------------

@main.command()
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write (its sources/ and records/ are replaced).")
@click.option("--forces", default=43, show_default=True, type=int, help="How many territorial forces (1-43).")
@click.option("--rounds", default=10, show_default=True, type=int, help="Inspection rounds (one a year from 2014).")
@click.option("--facts-per-report", default=1, show_default=True, type=int,
              help="Findings, recommendations and statistics per report: 1 gives ~100k triples at 43x10, 61 ~1M.")
@click.option("--seed", default=0, show_default=True, type=int, help="The same seed gives byte-identical files.")
@DATA
@QUIET
def synth(out_dir: Path, forces: int, rounds: int, facts_per_report: int, seed: int, data_dir: Path, quiet: bool):
    """Write a synthetic national-scale corpus in the curated format (forces and themes from --data)."""
    from graph.scale.synth import plan, synthesise

    with _progress(plan(forces, rounds), "synth", quiet) as bar:
        try:
            report = synthesise(out_dir, forces, rounds, seed, facts_per_report, data_dir,
                                on_document=(lambda _id: bar.update(1)) if bar else None)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
    click.echo(f"wrote {report.sources} sources and {report.records} records ({len(report.files)} files) "
               f"to {out_dir}")


@main.command()
@click.argument("url")
@click.option("--graph-store", default=None, help="Graph Store Protocol URL (default: derived from URL).")
@click.option("--user", default=None, help="User name for HTTP basic authentication.")
@click.option("--password-env", default=None, metavar="VAR", help="Environment variable holding the password.")
@click.option("--retries", default=4, show_default=True, type=int, help="Retries of a transient failure, per graph.")
@click.option("--no-verify", is_flag=True, help="Do not count the triples on the server afterwards.")
@DATA
@BASE
@QUIET
@fail_on_data_error
def push(url, graph_store, user, password_env, retries, no_verify, data_dir, base, quiet):
    """Load the graph into a SPARQL server (URL: its query endpoint), one named graph per source.

    Each graph is replaced with an HTTP PUT, so pushing again is idempotent."""
    import os
    from urllib.parse import urlsplit

    from graph.pipeline import load
    from graph.scale.push import PushError
    from graph.scale.push import push as push_graph

    for option, value in (("URL", url), ("--graph-store", graph_store)):
        parts = urlsplit(value or "http://x")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            _fail(f"{option} must be an http(s) URL such as http://127.0.0.1:7878/sparql, not {value!r}")
    if user and not password_env:
        _fail(f"--user {user} needs --password-env VAR, the environment variable that holds the password "
              "(it is never taken on the command line)")
    password = None
    if password_env:
        if password_env not in os.environ:
            _fail(f"environment variable {password_env} (--password-env) is not set")
        password = os.environ[password_env]
    kg = load(data_dir, base)
    graphs = {q.graph_name for q in kg.quads}
    with _progress(len(graphs), "push", quiet) as bar:
        try:
            report = push_graph(kg, url, graph_store, user, password, retries=retries, verify=not no_verify,
                                on_graph=(lambda _g: bar.update(1)) if bar else None)
        except PushError as error:
            click.echo(f"push failed: {error}", err=True)
            sys.exit(1)
    click.echo(report.summary())
    if report.mismatches():
        for name in report.mismatches():
            click.echo(f"  {name}: sent {next(g.triples for g in report.graphs if g.graph == name)}, "
                       f"server has {report.verified.get(name, 0)}", err=True)
        sys.exit(1)


# --- the static website (graph.publish.site) ----------------------------------------------------------


@main.command()
@DATA
@click.option("-o", "--out", "out_dir", default="exports/site", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The folder to write (replaced as a whole).")
@BASE
@fail_on_data_error
def site(data_dir: Path, out_dir: Path, base: str | None):
    """Write the static website: a page per entity, source, inspection and theme; works offline."""
    from graph.pipeline import load
    from graph.publish.site.build import write_site_report

    try:
        report = write_site_report(load(data_dir, base, shapes=False), out_dir)
    except FileExistsError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"wrote {report.path}: {report.pages} pages, {report.files} files, "
               f"{report.bytes / 1e6:.1f} MB in {report.seconds:.1f} s")


# --- Network views and analysis: view, stats, path (graph.publish.views, graph.publish.analysis) -------------


def _graph_to_draw(data_dir: Path, base: str | None, endpoint: str | None):
    """The graph of the data folder or, with --endpoint, the one a SPARQL endpoint holds."""
    from graph.pipeline import load, load_endpoint
    from graph.problems import QueryError

    if endpoint is None:
        return load(data_dir, base, shapes=False)
    try:
        return load_endpoint(endpoint, base)
    except QueryError as error:
        _fail(str(error))


def _lookup_failed(error: Exception):
    """A name that is unknown or ambiguous, a query that cannot be drawn: a message, exit 2."""
    click.echo(f"Error: {error.args[0] if error.args else error}", err=True)
    sys.exit(2)


@main.command()
@click.argument("name", required=False)
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 10),
              help="With NAME: how many relations away from it to draw.")
@click.option("--class", "classes", multiple=True, help="Keep only nodes of this class (label or name). Repeatable.")
@click.option("--theme", "themes", multiple=True, help="Keep only what is tagged with this theme. Repeatable.")
@click.option("--query", "query", help="Draw a CONSTRUCT query: a .rq file or a catalogue name.")
@click.option("-b", "--bind", "binds", multiple=True, metavar="VAR=VALUE", help="Set a query parameter. Repeatable.")
@click.option("--source", help="Draw everything one source document supports (its id).")
@click.option("--size", "size_by", default="degree", show_default=True, type=click.Choice(["degree", "betweenness"]),
              help="What sizes a node and orders the labels: weighted degree (with its facts) or betweenness.")
@click.option("--seed", default=7, show_default=True, type=int, help="Seed of the layout: same seed, same picture.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write (default: NAME.html in the current folder, NAME in lower case with "
                   "hyphens, e.g. kent-police.html; overview.html without NAME).")
@click.option("--open", "open_page", is_flag=True, help="Open the page in a browser.")
@DATA
@BASE
@click.option("--endpoint", metavar="URL", help="Draw the graph a remote SPARQL endpoint holds (after `push`), "
              "fetched over the SPARQL protocol, instead of the data folder.")
@fail_on_data_error
def view(name, depth, classes, themes, query, binds, source, size_by, seed, output, open_page, data_dir, base,
         endpoint):
    """Draw the graph, or part of it, as one self-contained interactive HTML page.

    Actors (forces, units, bodies, people, initiatives ...) are nodes; findings, judgements,
    recommendations, quotations and statistics are folded into them. With no argument, every
    actor; with NAME (an id, label or alias), the actors within --depth relations of it, most
    related first. --query, --source, --class and --theme (a theme's id, label or alias, e.g.
    anti-social-behaviour) choose other views."""
    from graph.problems import QueryError
    from graph.publish import view_page, views
    from graph.publish.network import NameNotFound

    kg = _graph_to_draw(data_dir, base, endpoint)
    try:
        chosen = views.choose_view(kg, name, depth, classes, themes, query, dict(b.split("=", 1) for b in binds),
                                   source, size_by=size_by, seed=seed)
    except (NameNotFound, ValueError, QueryError) as error:
        _lookup_failed(error)
    for note in chosen.notes:
        click.echo(note, err=True)
    default = views.default_file_name(name, chosen)
    path = view_page.write_view(chosen, output or Path(default), kg.vocabulary, kg.base)
    click.echo(f"wrote {path} ({chosen.summary()})")
    if open_page:
        click.launch(str(path))


@main.command()
@click.option("--format", "-t", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="How many central nodes to list.")
@DATA
@BASE
@click.option("--endpoint", metavar="URL", help="Count the graph a remote SPARQL endpoint holds (after `push`), "
              "fetched over the SPARQL protocol, instead of the data folder.")
@fail_on_data_error
def stats(fmt, top, data_dir, base, endpoint):
    """Counts per class and per source, evidence coverage, the most central nodes, components."""
    import json

    from graph.publish.analysis import format_statistics, statistics

    report = statistics(_graph_to_draw(data_dir, base, endpoint), top=top)
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if fmt == "json" else format_statistics(report))


@main.command()
@click.argument("start")
@click.argument("end")
@click.option("--through-themes", is_flag=True, help="Allow the chain to pass through a shared theme.")
@click.option("--format", "-t", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]))
@DATA
@BASE
@fail_on_data_error
def path(start, end, through_themes, fmt, data_dir, base):
    """The shortest chain of relations linking START and END, with the evidence for each step."""
    import json

    from graph.pipeline import load
    from graph.publish.analysis import NoPath, format_path, shortest_path
    from graph.publish.network import NameNotFound

    try:
        steps = shortest_path(load(data_dir, base, shapes=False).networkx(), start, end, through_themes)
    except NoPath as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except NameNotFound as error:
        _lookup_failed(error)
    click.echo(json.dumps(steps, ensure_ascii=False, indent=1) if fmt == "json" else format_path(steps))
