from designlint.cli import run

run(prog_name="designlint")
