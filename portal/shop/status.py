"""The operator's view of the shop: queue, workers, running and failed.

The queue depth comes from a passive declaration of the queue (AMQP
answers it with the message count; no management plugin is needed),
the workers from ``celery inspect ping``, the requests from PostgreSQL.
"""

from django.conf import settings

from portal.celery import app
from portal.shop.models import ShopRequest

__all__ = ["queue_depth", "workers", "report"]


def queue_depth(timeout=3):
    """``(ready messages, consumers)`` of the shop's queue, or None."""
    try:
        with app.connection_for_write(settings.CELERY_BROKER_URL,
                                      connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1)
            channel = conn.default_channel
            declared = channel.queue_declare(queue=settings.SHOP_QUEUE,
                                             passive=True)
            return declared.message_count, declared.consumer_count
    except Exception:   # broker down, or the queue not declared yet
        return None


def workers(timeout=2.0):
    """The node names of the workers that answer a ping."""
    try:
        answers = app.control.inspect(timeout=timeout).ping() or {}
    except Exception:   # broker down
        return None
    return sorted(answers)


def _rows(state, limit):
    return list(ShopRequest.objects.filter(state=state).select_related(
        "user").order_by("-created")[:limit])


def report(limit=20):
    """The lines ``python -m portal shop_status`` prints."""
    depth, nodes = queue_depth(), workers()
    lines = [f"broker: {settings.CELERY_BROKER_URL.rsplit('@', 1)[-1]}",
             "queue " + settings.SHOP_QUEUE + ": " + (
                 "unreachable" if depth is None else
                 f"{depth[0]} messages waiting, {depth[1]} consumers"),
             "workers: " + ("unreachable" if nodes is None else
                            (", ".join(nodes) or "none"))]
    undispatched = ShopRequest.objects.filter(state=ShopRequest.QUEUED,
                                              dispatched=False).count()
    lines.append(f"queued in PostgreSQL: "
                 f"{ShopRequest.objects.filter(state='QUEUED').count()} "
                 f"({undispatched} not yet sent to the broker)")
    for title, state in (("running", ShopRequest.EXECUTING),
                         ("failed", ShopRequest.ERROR)):
        rows = _rows(state, limit)
        lines.append(f"{title}: {len(rows)}")
        for row in rows:
            host = row.attempts[-1]["host"] if row.attempts else "-"
            lines.append(f"  {row.pk} {row.user.get_username()} "
                         f"{row.dataset} {row.progress:.0%} {host} "
                         f"{row.message[:60]}")
    return lines
