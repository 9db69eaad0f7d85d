"""One router per area of the market server: enrolment, sync (status, feed, mutations).

Administration is the ``market-admin`` command on the server itself; it gets a router when
it has authentication of its own. The web pages for employers and workers come next.
"""
