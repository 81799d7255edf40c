import sys

from liaison.cli.main import main

if __name__ == "__main__":  # multiprocessing workers (PDF reading) import the main module again
    sys.exit(main())
