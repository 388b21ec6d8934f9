#!/usr/bin/env python
"""The developers' entry point: like the installed `kopa` command, but in development mode unless
KOPA_ENV says otherwise (the `kopa` command defaults to production, which needs a real secret key)."""

import os

if __name__ == "__main__":
    os.environ.setdefault("KOPA_ENV", "development")
    from kopa.__main__ import main

    main()
