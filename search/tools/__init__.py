"""Tools that build or measure search data; not imported by the running portal."""
