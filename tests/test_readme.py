"""Every example in README.md runs, and shows what it really prints.

A ```console block is a shell session: each `$ command` is run (with bash, in a fresh working
folder holding a copy of data/, with this environment's `policing-kg` first on PATH) and what it
prints, standard output and error together, must be the lines shown under it, exactly; a
command shown without output must exit with status 0 (an indented `# ...` line right under a
command continues its comment). A
```python block is run with `exec` in the same kind of folder; where it holds `>>>` prompts it is a
doctest and the output shown under each prompt must match. Blocks in other languages (sh,
turtle, ...) are not run.

An HTML comment on the line before a block changes that, for that block:

    <!-- readme-test: skip (why) -->          not run; say why
    <!-- readme-test: before: COMMAND -->     a shell command run first in the block's folder,
                                              e.g. to break a record for an example of an error
    <!-- readme-test: counts vary -->         numbers are compared as "a number": for outputs
                                              that count the growing corpus (a build's triples)

Durations in the output (`in 5.2 s`, `0.4 s`) are compared as "a duration", since they differ
from run to run. Nothing else is loosened.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RUN = ("console", "python")
_FENCE = re.compile(r"^```(\w*)\s*$")
_MARKER = re.compile(r"^<!--\s*readme-test:\s*(skip|before:|counts vary)\s*(.*?)\s*-->\s*$")
_DURATION = re.compile(r"\b\d+(\.\d+)? (s|ms)\b")
_NUMBER = re.compile(r"\d+(\.\d+)?")


@dataclass
class Block:
    language: str
    line: int  # of the opening fence, 1-based
    text: str
    skip: str | None = None
    before: tuple[str, ...] = ()
    counts_vary: bool = False

    @property
    def id(self) -> str:
        return f"README.md:{self.line}:{self.language}"


def readme_blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, with the readme-test markers just above each."""
    blocks, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i].strip())
        if not fence or not fence[1]:
            i += 1
            continue
        indent = len(lines[i]) - len(lines[i].lstrip())
        skip, before, counts_vary = None, [], False
        j = i - 1
        while j >= 0 and _MARKER.match(lines[j].strip()):
            kind, value = _MARKER.match(lines[j].strip()).groups()
            if kind == "skip":
                skip = value or "marked skip"
            elif kind == "counts vary":
                counts_vary = True
            else:
                before.insert(0, value)
            j -= 1
        body = []
        k = i + 1
        while k < len(lines) and lines[k].strip() != "```":
            body.append(lines[k][indent:] if lines[k][:indent].strip() == "" else lines[k])
            k += 1
        blocks.append(Block(fence[1], i + 1, "\n".join(body) + "\n", skip, tuple(before), counts_vary))
        i = k + 1
    return blocks


@dataclass
class Step:
    command: str
    expected: str


def console_steps(text: str) -> list[Step]:
    steps: list[Step] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            steps.append(Step(line[2:], ""))
        elif steps and re.match(r"\s+#", line) and not steps[-1].expected:
            continue  # an indented comment goes on with the command's own comment: not output
        elif steps:
            steps[-1].expected += line + "\n"
    return steps


def normalise(output: str, counts_vary: bool = False) -> str:
    output = _DURATION.sub("<duration>", output)
    return _NUMBER.sub("<number>", output) if counts_vary else output


@pytest.fixture
def workdir(tmp_path):
    """A folder like a fresh clone's root as far as the examples care: data/ (a copy)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def _environment() -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONHASHSEED"] = env.get("PYTHONHASHSEED", "0")
    env.pop("POLICING_KG_BASE", None)
    return env


def run_console(block: Block, folder: Path) -> list[tuple[Step, str, int]]:
    """Run a console block's commands in one bash session: each command's output and exit status."""
    marker = "@@readme-test-step@@"
    steps = console_steps(block.text)
    script = ["set +e"]
    script += [f"{command}\n" for command in block.before]
    script.append(f"echo {marker} 0")
    for step in steps:
        # Keep the exit status across the marker so that `echo $?` reports the command before it.
        script.append(f"{{ {step.command}\n}} 2>&1\n__status=$?; echo {marker} $__status; (exit $__status)")
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=folder, env=_environment(),
                          capture_output=True, text=True, timeout=600)
    # After the first marker: a step's output, then a marker with its status, for each step.
    pieces = re.split(rf"{marker} (\d+)\n", done.stdout)[2:]
    assert len(pieces) == 2 * len(steps) + 1, f"the session stopped early:\n{done.stdout}\n{done.stderr}"
    outputs = pieces[0:-1:2]
    statuses = [int(status) for status in pieces[1::2]]
    return list(zip(steps, outputs, statuses, strict=True))


README_BLOCKS = [b for b in readme_blocks(README.read_text(encoding="utf-8")) if b.language in RUN]


def test_the_readme_has_examples_to_run():
    assert any(b.language == "console" and not b.skip for b in README_BLOCKS)
    assert any(b.language == "python" and not b.skip for b in README_BLOCKS)


@pytest.mark.parametrize("block", README_BLOCKS, ids=[b.id for b in README_BLOCKS])
def test_readme_example(block, workdir, monkeypatch):
    if block.skip:
        pytest.skip(block.skip)
    if block.language == "console":
        for step, output, status in run_console(block, workdir):
            if not step.expected:  # nothing shown: nothing to compare, but it must work
                assert status == 0, f"{block.id}: `$ {step.command}` failed ({status}):\n{output}"
                continue
            assert normalise(output, block.counts_vary) == normalise(step.expected, block.counts_vary), (
                f"{block.id}: `$ {step.command}` printed\n{output}\ninstead of\n{step.expected}\n"
                "If the new output is right, put it in README.md in place of the old.")
        return
    for command in block.before:
        subprocess.run(["bash", "-c", command], cwd=workdir, env=_environment(), check=True)
    monkeypatch.chdir(workdir)
    if ">>>" in block.text:
        parser = doctest.DocTestParser()
        test = parser.get_doctest(block.text, {"__name__": "readme"}, block.id, str(README), block.line)
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        report: list[str] = []
        runner.run(test, out=report.append)
        assert runner.failures == 0, f"{block.id}: {runner.failures} example(s) failed:\n{''.join(report)}"
    else:
        exec(compile(block.text, block.id, "exec"), {"__name__": "readme"})


# -- the runner itself -----------------------------------------------------------------------

SAMPLE = """Intro.

<!-- readme-test: skip (needs a network) -->
```console
$ curl example
```

<!-- readme-test: counts vary -->
<!-- readme-test: before: echo broken > data/x -->
```console
$ policing-kg validate
x: broken
$ echo $?
1
```

   ```python
   import graph
   ```
"""


def test_blocks_are_found_with_their_markers():
    blocks = readme_blocks(SAMPLE)
    assert [(b.language, b.line, b.skip, b.before) for b in blocks] == [
        ("console", 4, "(needs a network)", ()),
        ("console", 10, None, ("echo broken > data/x",)),
        ("python", 17, None, ()),
    ]
    assert [b.counts_vary for b in blocks] == [False, True, False]
    assert blocks[2].text == "import graph\n"


def test_an_indented_comment_under_a_command_is_not_its_output():
    steps = console_steps("$ export -o tables   # nodes and\n                      # edges\n$ echo hi\nhi\n")
    assert [(s.command, s.expected) for s in steps] == [("export -o tables   # nodes and", ""), ("echo hi", "hi\n")]


def test_console_steps_pair_each_command_with_its_output():
    steps = console_steps(readme_blocks(SAMPLE)[1].text)
    assert [(s.command, s.expected) for s in steps] == [("policing-kg validate", "x: broken\n"), ("echo $?", "1\n")]


def test_a_console_session_keeps_the_exit_status_for_echo(tmp_path):
    block = Block("console", 1, "$ printf 'a\\nb\\n'; false\na\nb\n$ echo $?\n1\n")
    outputs = [(output, status) for _, output, status in run_console(block, tmp_path)]
    assert outputs == [("a\nb\n", 1), ("1\n", 0)]


@pytest.mark.parametrize(("shown", "printed", "same"), [
    ("17042 triples in 5.2 s\n", "17042 triples in 6.0 s\n", True),
    ("answered in 12 ms\n", "answered in 3 ms\n", True),
    ("17042 triples in 5.2 s\n", "17043 triples in 5.2 s\n", False),
    ("(1 row)\n", "(1 row)\n\n", False),
])
def test_only_durations_are_loosened(shown, printed, same):
    assert (normalise(shown) == normalise(printed)) is same


def test_where_counts_vary_numbers_are_loosened_but_not_words():
    assert normalise("17042 triples (17043 quads)\n", True) == normalise("44688 triples (44707 quads)\n", True)
    assert normalise("17042 triples\n", True) != normalise("17042 quads\n", True)
