"""`python -m graph` is `policing-kg`."""

from graph.cli import main

main()
