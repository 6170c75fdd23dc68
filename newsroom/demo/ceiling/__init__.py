"""The ceiling of Django on this machine, for `make bench`: a minimal project
served by gunicorn under the same settings as the site (2 sync workers).

- /page/: a 20 KB page from memory (what no Django page can beat);
- /template/: the same view rendering a 20-item template (the cost of any
  template before a single query).

Development only: `manage.py bench` starts it beside the site.
"""
