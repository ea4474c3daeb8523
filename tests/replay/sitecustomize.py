"""Recorded answers for every request a rehearsed workflow step makes with `requests`, and a log of them.

Python imports `sitecustomize` at start-up from its path; the workflow rehearsal puts this folder on
PYTHONPATH, with REHEARSAL_REPLAY naming a JSON file of answers (method, a URL regular expression,
status, JSON body) and REHEARSAL_REQUESTS the file to log every request to. A request no answer matches
fails as a refused connection would: nothing reaches the network. The answers are recorded, so waiting
between requests would only slow the rehearsal: `time.sleep` returns at once. A process that cannot
import `requests` (the interpreter that creates a virtual environment, pip before it has installed
anything) cannot make such requests, and is left as it is.
"""

import atexit
import json
import os
import re
import time

try:
    import responses
except ImportError:
    responses = None

if responses is not None and os.environ.get("REHEARSAL_REPLAY"):
    time.sleep = lambda seconds: None
    _mock = responses.RequestsMock(assert_all_requests_are_fired=False)
    _mock.start()
    with open(os.environ["REHEARSAL_REPLAY"], encoding="utf-8") as _file:
        for _answer in json.load(_file):
            _mock.add(_answer["method"], re.compile(_answer["url"]), status=_answer.get("status", 200),
                      json=_answer.get("json"), headers=_answer.get("headers"))

    @atexit.register
    def _log_requests() -> None:
        with open(os.environ["REHEARSAL_REQUESTS"], "a", encoding="utf-8") as log:
            for call in _mock.calls:
                body = call.request.body
                log.write(json.dumps({
                    "method": call.request.method, "url": call.request.url,
                    "body": body.decode("utf-8") if isinstance(body, bytes) else body,
                    "status": getattr(call.response, "status_code", None),
                }) + "\n")
