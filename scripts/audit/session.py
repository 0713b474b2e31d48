"""Signs a member in on a tenant's /admin/login page, as a browser would
(the CSRF cookie and token, then the form), and prints the Cookie header
of the signed-in session, for Lighthouse to open back-office pages with.

Usage: session.py ORIGIN HOST EMAIL PASSWORD
"""

import re
import sys
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def pairs(headers):
    return [c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or []]


def main(origin, host, email, password):
    opener = urllib.request.build_opener(NoRedirect)
    page = urllib.request.Request(f"{origin}/admin/login", headers={"Host": host})
    with opener.open(page, timeout=30) as answer:
        cookies = pairs(answer.headers)
        html = answer.read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if not token:
        sys.exit("audit: the sign-in page has no csrf_token field")
    form = urllib.parse.urlencode(
        {"email": email, "password": password, "csrf_token": token.group(1)}
    ).encode()
    post = urllib.request.Request(
        f"{origin}/admin/login",
        data=form,
        headers={"Host": host, "Cookie": "; ".join(cookies),
                 "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        opener.open(post, timeout=30)
        sys.exit("audit: signing in did not redirect")
    except urllib.error.HTTPError as e:
        if e.code != 303:
            sys.exit(f"audit: signing in answered {e.code}")
        signed_in = pairs(e.headers)
    if not any(c.startswith("session=") for c in signed_in):
        sys.exit("audit: signing in set no session cookie")
    print("; ".join(signed_in))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
