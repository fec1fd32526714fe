"""Python's cycle collector as a long-running server process wants it.

Measured under bench/api_reads.py (one API process, 50 concurrent clients): with Python's
defaults, a full collection walked every object the process had built at start-up (modules,
routes and their handlers, schemas, table mappings: some 330,000) about once a second, a
pause of about a fifth of a second each time, and a young collection ran every five requests
or so, walking and promoting the objects of the requests still in flight, which reference
counting frees anyway a moment later.
"""

from __future__ import annotations

import gc

# How many more container objects than were freed start a young collection (Python's
# default: 700). Requests in flight hold a few hundred each; at this threshold young
# collections nearly stopped under the bench (2 in a run of 20,000 requests), while garbage
# cycles are still collected within 10,000 objects.
YOUNG_COLLECTION_THRESHOLD = 10_000


def set_collector_for_serving() -> None:
    """Set everything built so far aside from the cycle collector for good (``gc.freeze``),
    after collecting the garbage among it so that none is kept, and make young collections
    rarer. For a server process once it is ready for its first request; never in a process
    that goes on building and dropping apps (tests): what each leaves behind would be kept."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, older, oldest)
