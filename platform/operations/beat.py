"""The beat scheduler with a heartbeat: ``CELERY_BEAT_SCHEDULER`` names it, so the
``celery beat`` service (and the embedded beat thread) records that it is alive."""

import logging
import time

from celery.beat import PersistentScheduler

logger = logging.getLogger(__name__)

#: seconds between two heartbeats written by beat
BEAT_EVERY = 30


class HeartbeatScheduler(PersistentScheduler):
    _last_beat = 0.0

    def tick(self, *args, **kwargs):
        now = time.monotonic()
        if now - self._last_beat >= BEAT_EVERY:
            self._last_beat = now
            try:
                from operations.health import beat

                beat("beat")
            except Exception:
                logger.exception("Không ghi được nhịp hoạt động của beat")
        return super().tick(*args, **kwargs)
