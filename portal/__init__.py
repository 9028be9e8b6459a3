"""The top layer: what spans the apps below it.

The dashboard of the signed-in person, the demo loader (`manage.py load_demo`), the benchmark and
the deployment checks about the demo. It may import every app; no app imports it.
"""
