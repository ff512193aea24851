"""The data shop: chosen quantities and cuts, exported by Celery workers."""
