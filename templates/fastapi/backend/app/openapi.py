"""Print the OpenAPI document to stdout without starting a server (`make openapi`)."""

import json
import sys

from app.main import app


def main() -> None:
    sys.stdout.write(json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
