"""Every write of the decisions app, one small typed function per business action.

Each module mirrors decisions/views/: bodies, meetings, agenda, minutes (check and publication),
items (the decision, a condition's status), handling (motions, votes, disqualifications, dissents),
records (corrections, notifications, finality), extracts and publication (personal data off the web).
A refused precondition raises hankehallinta.services.ActionRefused with the message for the user;
the views catch it and show the message.
"""
