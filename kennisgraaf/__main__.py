from kennisgraaf.cli import main

main()
