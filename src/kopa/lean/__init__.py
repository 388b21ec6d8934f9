import os

# polars allocates through jemalloc and reads this before its first allocation (it adds it to its own
# settings). One arena instead of one per thread keeps a worker's peak memory ~12 % lower on a large event
# log, for ~10 % more time (bench/lean_bench.py); a site may set its own value in the environment.
os.environ.setdefault("_RJEM_MALLOC_CONF", "narenas:1")
