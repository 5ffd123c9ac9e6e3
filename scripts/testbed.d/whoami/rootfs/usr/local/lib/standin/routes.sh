# Routes of the whoami STAND-IN (sourced by http-handle): every path echoes the request.
route() { echo_reply; }
