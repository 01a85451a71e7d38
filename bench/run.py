"""`make bench`: every benchmark, one after the other, printing figures."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import editor_bench, lsp_send_bench, parse_bench, send_bench


def main() -> None:
    print("== parser")
    parse_bench.main()
    print("\n== language server")
    asyncio.run(editor_bench.main())
    print("\n== sending")
    send_bench.main()
    lsp_send_bench.main()


if __name__ == "__main__":
    main()
