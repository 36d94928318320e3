"""The `policing-kg` command: a thin layer over the functions of the graph package."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.problems import DataError

DATA = click.option("--data", "data_dir", default="data", show_default=True,
                    type=click.Path(file_okay=False, path_type=Path), help="The curated data folder.")
BASE = click.option("--base", default=None, envvar="POLICING_KG_BASE",
                    help="Base IRI of minted ids (default https://w3id.org/policing-kg/id/).")


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
@fail_on_data_error
def build(data_dir: Path, out_dir: Path, base: str | None):
    """Check the data and write the graph to the exports folder."""
    from graph.build import build as build_graph

    report = build_graph(data_dir, out_dir, base)
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(f"{report.triples} triples ({report.quads} quads in named graphs) in {report.seconds:.1f} s")


@main.command()
@DATA
@BASE
def validate(data_dir: Path, base: str | None):
    """Run every check on the data without writing anything."""
    from graph.build import validate as validate_data

    problems, warnings = validate_data(data_dir, base)
    for problem in [*problems, *warnings]:
        click.echo(str(problem), err=True)
    from graph.records import drafts_note, load_records

    note = drafts_note(load_records(data_dir)[0].drafts)
    if note:
        click.echo(note, err=bool(problems))
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", err=True)
        sys.exit(1)
    click.echo(f"{data_dir}: no problems" + (f" ({len(warnings)} warnings)" if warnings else "") + ".")


@main.command()
@DATA
@BASE
@click.option("--format", "-t", "fmt", default="ttl", show_default=True,
              type=click.Choice(["ttl", "trig", "jsonld", "nt", "nq", "xml", "graphml", "csv"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@fail_on_data_error
def export(data_dir: Path, base: str | None, fmt: str, output: Path | None):
    """Write the graph in one format to a file or standard output."""
    from graph.build import export as export_graph
    from graph.exports import write_atomic

    data = export_graph(data_dir, fmt, base)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, lambda: data)
        click.echo(f"wrote {output}", err=True)
