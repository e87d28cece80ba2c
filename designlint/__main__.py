from designlint.cli import main

main(prog_name="designlint")
