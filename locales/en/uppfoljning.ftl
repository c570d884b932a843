# uppfoljning's words in English: every sentence a person reads, by its key.
# The Swedish file, locales/sv/uppfoljning.ftl, has the same keys in the same order.
# An argument in { $braces } is filled in by the program; a value the user wrote is always
# shown exactly as written.

## The service's answers: the title of each kind of problem.

problem-malformed = the request cannot be read as this route's request
problem-too-large = the request body is larger than any report
problem-too-slow = the request body arrived too slowly
problem-wrong-type = the request body is not of a type this route takes
problem-invalid = the report has problems
problem-unauthorized = an API key or an access token is needed
problem-forbidden = the caller may not do this
problem-queue-full = too many reports are waiting; try again shortly
problem-busy = every render is taken; try again shortly
problem-time-limit = the report took longer than the time limit to render
problem-not-ready = the service cannot check access tokens yet; try again shortly
problem-not-found = no such route
problem-method-not-allowed = the route does not take this method
problem-internal = the service failed

## The service's answers: what went wrong with this request.

problem-many-reports = { $count } of the reports sent have problems
problem-see-routes = see /openapi.json for the routes
problem-see-methods = see /openapi.json for the methods each route takes
problem-undeclared = the route declares no permission, so no caller may use it: this is a defect of the service, please report it
problem-no-caller = the request reached its route without a caller: this is a defect of the service, please report it
problem-query = the query parameters: { $why }
problem-option = { $name }: { $why }
problem-queue-is-full = every render is taken and the queue is full
problem-queue-wait = no render came free within the queue wait
problem-past-time-limit = the render went on past the time limit
problem-defect = the report could not be rendered: this is a defect of the service, please report it
door-unknown = send an API key the service knows, or an access token, as Authorization: Bearer …
token-not-jwt = the access token is not a JWT
token-not-public-key = the access token is not signed with a public-key algorithm
token-no-kid = the access token names no signing key (kid)
token-unusable-key = the access token names a key the service cannot use
token-expired = the access token has expired
token-not-yet = the access token is not valid yet
token-audience = the access token is for another audience
token-issuer = the access token is from another issuer
token-signature = the access token has a signature that does not verify
token-claims = the access token lacks exp, iss or aud
token-time-format = the access token has an exp or nbf that is not a time
token-unreadable = the access token cannot be read
door-unknown-key = the access token is signed with a key its issuer does not publish
door-not-ready = the issuer's keys are not loaded yet, so no token can be checked
door-forbidden = the caller may not { $permission }: ask for the scope { $permission }
unsent-wrong-type = the Content-Type is not { $accepted }
unsent-too-slow = the body must arrive at { $rate } KiB/s at least; send it again on a faster line
unsent-busy = the service holds as many request bodies as it has memory for
body-report-too-large = a report is at most { $max } bytes
body-request-too-large = a request with images is at most { $max } bytes
body-unreadable = the body could not be read
body-not-utf8 = the body is not UTF-8 text
body-report-not-utf8 = the part report is not UTF-8 text
body-no-boundary = the multipart Content-Type has no boundary
body-no-part = no part is named { $name }
body-too-many-images = a report has at most { $max } images
body-part-unnamed = a part has no name
body-part-twice = the part { $name } came twice
body-too-many-reports = a case sent at once has at most { $max } reports
body-same-file-name = two report parts have the file name { $name }
body-part-outside = the part { $name } is not a relative path inside the report's folder (no /, .. or \ at its start)
body-over-limit = the request is larger than its limit
body-part-too-large = the request or one of its parts is larger than { $max } bytes
body-incomplete = the multipart body ends before its closing boundary
body-not-multipart = the multipart body is not multipart/form-data as sent

## A report's problems: what is wrong with a value, and (-hint) how to fix it.

error-invalid = { $path }: { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
kind-empty = the text is empty
kind-empty-hint = write the text, or remove the key if it is optional
kind-multi-line = the text has a line break, but it is printed on one line
kind-multi-line-hint = write it on one line
kind-control = the text has the control character U+{ $code }, which cannot be printed
kind-pasted-hint = delete it (it often comes along when text is pasted from another program)
kind-no-glyph = the text has { $found } (U+{ $code }), which none of the report's fonts can show
kind-no-glyph-hint = replace it, or add a font that has it with --font-path
kind-too-long = the text has { $length } characters, more than the limit of { $max }
kind-too-long-hint = split it into paragraphs or sections
kind-printed-number = { $written } is a number written as the report prints it, which would be set as text
kind-printed-number-hint = write it { $plain }: the report prints it { $written }, right-aligned with the other numbers
kind-placeholder = { $value } is the starter's placeholder, not the report's own text
kind-placeholder-hint = write the report's own text here, or remove the key if it is optional
kind-too-costly = the report has grown, by here, to what takes about { $mib } MiB to typeset, more than the { $max } MiB one report may take
kind-too-costly-hint = split the report into reports of about a hundred pages, or make its images smaller (a figure needs no more than 300 dpi at the text's width)
kind-too-many = there are { $count } { $what }, more than the limit of { $max }
kind-too-many-hint = split the report
kind-not-archivable = the text has U+{ $code }, a byte-order mark, non-character or private-use code point, which an archival PDF may not contain
kind-not-a-date = { $value } is not a date
kind-not-a-date-hint = write a date that exists as YYYY-MM-DD, e.g. 2016-03-01
kind-not-a-period = { $value } is not a month or a date
kind-not-a-period-hint = write YYYY-MM (2015-12) or YYYY-MM-DD (2015-12-01)
kind-after-report-date = { $value } is after the report's date { $date }
kind-after-report-date-hint = correct this date or the report's `date`
kind-no-entries = there are no { $what }
kind-no-entries-hint = add at least one
kind-scale-order = the scale runs from { $min } to { $max }, but min must be less than max
kind-scale-order-hint = e.g. min: 1, max: 5
kind-unknown-language = { $value } is not a language the report can be written in
kind-unknown-language-hint = use sv (the default) or en
kind-scale-bound = { $value } is outside 0–100
kind-scale-bound-hint = use a scale within 0–100, e.g. min: 1, max: 5
kind-cell-count = the row has { $cells ->
    [one] 1 cell
   *[other] { $cells } cells
}, but the table has { $columns ->
    [one] 1 column
   *[other] { $columns } columns
}
kind-cell-count-hint = give every row one cell per column; write "" for an empty cell
kind-number-form = `{ $written }` is read by YAML as a number, but it is not written in plain decimal digits, so it cannot be shown as written
kind-number-form-hint = to show it as written, quote it as text ("{ $written }"); a number is written in digits with an optional `-` and decimal point, e.g. 1250 or 86.5
kind-not-a-number = { $value } is text, not a number
kind-not-a-number-hint = write the number without quotes
kind-not-whole = { $written } is not a whole number
kind-not-whole-hint = give a whole number, e.g. 4
kind-line-too-long = the text has { $length } characters, more than the limit of { $max } for this field
kind-line-too-long-hint = shorten it (a name, heading or cell is one line; a longer text belongs in a paragraph)
kind-long-words = the text has { $count } words of { $chars } or more characters (such as web addresses), more than the limit of { $max }
kind-long-words-hint = split the text into several paragraphs, or move the addresses to an appendix
kind-unknown-status = { $value } is not a status
kind-unknown-status-hint = use open, ongoing or done
kind-before-performed = { $value } is before the follow-up this report is about ({ $performed })
kind-before-performed-hint = give the month or day the next follow-up is planned for
kind-image-path = the image { $value } is not inside the YAML file's folder
kind-image-path-hint = give a path relative to the YAML file's folder, without `..`, e.g. bilder/diagram.png
kind-image-unreadable = the image { $path } cannot be read: { $reason }
kind-image-unreadable-hint = check the path; it is relative to the YAML file's folder
kind-image-not-sent-hint = send the image as a multipart part named by this path
kind-image-format = { $path } is not a PNG, JPEG or SVG image
kind-image-format-hint = save the image as PNG, JPEG or SVG
kind-no-scores = there are no scores
kind-no-scores-hint = give at least one score, or a `comment` saying why there are none
kind-score-outside = the score { $score } is outside the scale { $min }–{ $max }
kind-score-outside-hint = give a whole number from { $min } to { $max }
things-blocks = blocks
things-columns = columns
things-criteria = criteria
things-findings = findings
things-items = items
things-rows = rows
things-sections = sections
image-too-many-pixels = the image { $path } is { $width } × { $height } pixels, more than the limit of { $max } pixels
image-too-many-pixels-hint = scale the image down; a page at 300 dpi needs under 9 million pixels
image-damaged = the image { $path } is damaged or incomplete: { $reason }
image-damaged-hint = save or export the image again from the program that made it
image-linked = the SVG image { $path } refers to another file ({ $href }), which a report cannot hold
image-nested-kind = the SVG image { $path } holds an image of type { $mime }; only PNG and JPEG images may be inside an SVG
image-embed-hint = embed the image in the SVG as a PNG or JPEG (most drawing programs: "embed images"), or use a PNG of the figure
unread-folder = the folder cannot be read: { $system }
unread-missing = there is no such file in the report's folder
unread-denied = this user may not read it
unread-outside-folder = it leads outside the YAML file's folder (through a link)
unread-outside-package = it is not inside the package
unread-not-sent = no part named { $part } came with the report; send the image as a part named so
unread-not-in-package = { $inside } is not in the package
