"""Runtime hook: a stand-in http.client.HTTPSConnection for the bundle, which leaves out ssl and OpenSSL.

Without ssl, http.client defines no HTTPSConnection, yet NLTK subclasses it when it is imported
(nltk.pathsec). The stand-in lets that import work and refuses to connect: the app opens no connection.
"""

import http.client

if not hasattr(http.client, "HTTPSConnection"):

    class HTTPSConnection(http.client.HTTPConnection):
        """An HTTPS connection that never connects: Review Reader is built without TLS."""

        default_port = http.client.HTTPS_PORT

        def connect(self):
            raise OSError("Review Reader is built without TLS and opens no connection")

    http.client.HTTPSConnection = HTTPSConnection
