"""Server-side code used by the resource descriptors in rd/."""
