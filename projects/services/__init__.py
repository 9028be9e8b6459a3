"""Every write of the projects app, one small typed function per business action.

- lifecycle: a lifecycle step (freezing the application when it goes to the board or the funder), the
  funder's decision, and sending an application back to the board when it outgrows its delegation;
- versions: frozen application versions, automatic and named;
- applications: the application editor's save of core data, objectives, budget and financing together;
- calls: a new funding call (its edit is hankehallinta.editing.edit_with_version's, stale saves refused).

A refused precondition raises hankehallinta.services.ActionRefused (TransitionError is one).
"""
