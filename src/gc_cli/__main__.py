from gc_cli.cli import main

main()
