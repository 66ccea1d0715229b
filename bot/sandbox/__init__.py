"""The offline sandbox: a fake Slack Web API server and a Slack-like request signer.

Part of the package (not only the tests) because `redflag demo` drives the
real app through it without a Slack account.
"""
