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
problem-changed = the report changed since it was opened
problem-not-saved = the report could not be saved

# The workspace (serve --database).
problem-no-such-report = no such report
problem-stale-version = the report has a newer version
problem-version-not-named = the edit does not name the version it edits
problem-database-unavailable = the workspace's database does not answer
problem-database-full = the workspace's database has no room left
problem-path = the path: { $why }
workspace-not-found = the workspace has no report or version of that number
workspace-stale = version { $current } was saved after the version this edits: read it (its ETag is in this answer), make the change on top of it and send it with If-Match: "{ $current }"
workspace-approve-problems = the version has problems: fix them in a new version, then approve that one
workspace-too-many-versions = the report has { $most } versions, as many as one may have: start a new report
workspace-unavailable = the database did not keep or give the report ({ $why }); nothing was changed: try again shortly
workspace-full = the database's disk is full, so nothing of the change was kept; ask whoever runs the service to free space, then save again
audit-bad-filter = the audit log's filter cannot be read: actor at most 200 characters, action at most 40, from and until dates like 2026-12-05, report a number, format json or csv, most from 1 to 10000
workspace-four-eyes = version { $version } was saved by you; someone else must approve it (four eyes)
workspace-if-match = name the version this edits in If-Match, as the report's ETag gave it (e.g. If-Match: "3")
workspace-if-match-unknown = If-Match is not an entity tag of this service: send the ETag a read of the report gave, quotes and all (e.g. If-Match: "3")
workspace-search-too-long = a search is at most { $most } characters
workspace-page = page is 1 to 100000, per_page 1 to 200
workspace-not-approved = report { $id } of the case ({ $date }) has no approved version: approve it, then archive the case
workspace-next-note = the next follow-up after report { $id }
database-url = { $url } is not a database URL: write sqlite:PATH or postgres://USER@HOST/NAME
change-whole = the whole report changed (a version cannot be read as a report's fields)
change-more = { $count } more changes
change-value = { $field }: { $before } → { $after }
change-changed = { $field }: changed
change-added = { $field }: added
change-added-value = { $field }: added ({ $value })
change-removed = { $field }: removed
change-removed-value = { $field }: removed ({ $value })
change-scores = { $field }: { $before ->
    [one] { $before } answer
   *[other] { $before } answers
} → { $after ->
    [one] { $after } answer
   *[other] { $after } answers
}

# The editor (edit, and the editor the service mounts).
editor-forbidden = open the address that `uppfoljning edit` printed
editor-not-found = the editor has no such page
editor-send-json = send the report as JSON (Content-Type: application/json)
editor-report-too-large = the report is over the { $limit } MiB limit
editor-image-too-large = an image is at most { $limit } MiB
editor-unreadable = the request could not be read
editor-not-its-json = the request is not the editor's JSON
editor-changed = someone else saved the report after you opened it: reload it to see their change, then make yours again
editor-failed = the editor failed on this request


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
token-nonce = the ID token does not carry the nonce of the login it answers
door-unknown-key = the access token is signed with a key its issuer does not publish
door-not-loopback-host = the service has no login and answers only this machine's own names (localhost, 127.0.0.1, [::1]); open it under one of them
door-no-csrf = the change does not carry the session's CSRF token or did not come from the service's own pages, and was not made; make it from the page in the service
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
body-no-reports-in-folder = the folder has no report (YAML file); choose the folder the reports are in
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

## The command line's errors: what went wrong, and (-hint) how to fix it.

error-at = { $path }: { $message }
error-given = { $text }
error-form = { $path }: { $message }
error-read = cannot read { $path }: { $system }
error-read-hint = check that the file exists and is readable
error-too-large = { $path } holds more than the limit of { $max } bytes
error-too-large-hint = a follow-up report is a few kilobytes; check that this is the right file
error-not-a-file = cannot read { $path }: it is { $kind ->
    [folder] a folder
    [fifo] a FIFO
    [device] a device
    [socket] a socket
   *[other] { $kind }
}, not a regular file
error-not-a-file-hint = give the YAML file itself, or - for standard input
error-not-utf8 = { $path } is not UTF-8 text
error-not-utf8-hint = save the file as UTF-8 (in most editors: "Save with encoding")
error-typeset = { $path }: the report could not be typeset
error-write = cannot write { $path }: { $system }
error-write-hint = check that the folder exists and is writable; any earlier file there is unchanged
error-output-is-input = refusing to write { $path } over its own input
error-output-is-input-hint = name another output with -o
error-font-path = cannot read fonts from { $path }: { $system }
error-font-path-hint = --font-path takes a folder of .ttf, .otf or .ttc files
error-font-not-found = { $path }: `font`: the font family { $family } is not available
error-font-not-found-hint = point --font-path to a folder with its files, or use one of: { $available }
error-templates = cannot read templates from { $path }: { $system }
error-templates-hint = --templates takes a folder made by `uppfoljning templates export DIR`
error-one-output = -o names one output, but there are { $count } inputs
error-one-output-hint = use --out-dir DIR for several inputs
error-no-inputs = no YAML files among the inputs
error-no-inputs-hint = give .yaml files, or folders that hold some
error-same-output = { $input } would be written to { $output }, and so would { $n ->
    [one] { $last }
   *[other] { $rest } and { $last }
}
error-same-output-hint = two inputs with the same dnr (or name) cannot share a folder; correct the dnr or render them apart
error-usage-hint = see --help
error-serve-config-hint = see the README's section on running the service for a complete example
error-database = the workspace's database { $url } cannot be opened: { $system }
error-database-hint = for sqlite:PATH, the folder must exist and be writable; for postgres://, the server must run and the database exist (createdb NAME)
error-listen = cannot listen on { $address }: { $system }
error-listen-serve-hint = choose another --listen address or port, or stop the program that holds it
error-listen-edit-hint = choose another --port, or leave it out for a free one
error-mismatch = { $pdf } does not match { $input }: the YAML renders to a different PDF ({ $reason })
differs-unknown-hint = the YAML's content or the options it is rendered with differ from the PDF's: render the YAML again, or check that the same --templates, --font-path and --pdf-standard are given
differs-options-hint = the PDF carries this very YAML, so the options differ: give the same --templates, --font-path and --pdf-standard as when it was made (or it was made by another version of uppfoljning)
differs-fields-hint = the YAML differs from the one the PDF carries at { $fields }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}: render the YAML again for a new PDF, or verify against the YAML it was made from (`uppfoljning extract` gives it back)
error-no-source = { $path } has no embedded source YAML
error-no-source-hint = only PDFs rendered with --embed-source carry their source
error-not-pdf = { $path } is not a PDF that can be read: { $system }
error-not-pdf-hint = give the PDF the tool wrote
error-exists = { $path } already exists
error-exists-hint = choose another name, or remove the file first (extract replaces it with --force)
error-output-not-a-file = refusing to write { $path }: it is { $kind ->
    [folder] a folder
    [fifo] a FIFO
    [device] a device
    [socket] a socket
   *[other] { $kind }
}, not a regular file
error-output-not-a-file-hint = name a file to write, or - for standard output
error-link = refusing to write through the link { $path }
error-link-hint = remove the link, or choose another output folder
error-link-moved = { $link } now leads to { $now }, not to { $then } as when the editor opened it
error-link-moved-hint = open the file again with `uppfoljning edit` to edit where the link leads now; the form's text is still in the page
error-watch = cannot watch { $path }: { $system }
error-watch-hint = check that the file exists
error-failed = { $count } of { $total } reports failed
error-failed-hint = see the errors above
error-same-report-date = { $n ->
    [one] { $last }
   *[other] { $rest } and { $last }
} are reports of dnr { $dnr } dated { $date }
error-same-report-date-hint = a case holds one report per date: remove the old copy, or correct the `date`
error-same-image-name = reports of dnr { $dnr } name two different images { $name }
error-same-image-name-hint = a case's sources lie in one folder of the package: give the images different names
error-many-cases = the reports sent are of { $count } cases: dnr { $count ->
    [one] { $last }
   *[other] { $rest } and { $last }
}
error-many-cases-hint = a package holds the reports of one dnr: send each case in a request of its own
error-past-time-limit = the package was not finished within the time limit of { $seconds } s
error-past-time-limit-hint = send fewer reports at once, or ask the service's operator for a longer time-limit
error-case-failed = no package for dnr { $dnr }: { $failed } of { $total } reports failed
error-case-failed-hint = correct the errors above and archive again; a package holds every report of its case or none
error-not-package = { $path } is not an archive package: { $fault }
error-not-package-hint = give a package folder or .zip written by `uppfoljning archive`
error-package-differs = { $path } does not match its METS files: { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
    {"  "}{ $lines }
error-package-differs-hint = the package was changed after it was written; write it again with `uppfoljning archive` (give the same --templates and --font-path as then)
error-standards = cannot combine the PDF standards { $standards }: { $system }
error-standards-hint = choose at most one PDF/A and one PDF/UA standard, e.g. --pdf-standard a-2a --pdf-standard ua-1
form-not-a-mapping = the file is not a report: its top level is not a set of keys
form-not-a-mapping-hint = open a report's YAML file, or a new file name to start from the starter
form-not-yaml = the file is not YAML the form can show: { $system }
form-not-yaml-hint = fix it in a text editor first (`uppfoljning check` shows where)
form-unwritable = the form's report cannot be written as YAML: { $system }
form-unwritable-hint = undo the last change; if it persists, report it as a bug
form-image = the image chosen cannot be used: { $why }
form-image-hint = choose a PNG, JPEG or SVG image of at most 16 MiB
form-image-no-name = a thousand images of that name are in `bilder` already

## The YAML reader's errors, in the tool's words.

yaml-tag = the tag `{ $tag }` asks for a value other than the one written, and tags are not part of the format
yaml-tag-hint = remove the tag; to write a number or a word as text, put it in quotes
yaml-budget = the YAML is over one of the reader's limits
yaml-budget-hint = the YAML is over a limit: at most { $aliases } aliases and anchors, { $depth } levels of nesting, { $bytes } bytes of text (see Limits in the README)
yaml-documents = the file holds more than one YAML document
yaml-documents-hint = keep one report per file: remove the `---` line and what follows it, or move it to a file of its own
yaml-duplicate-key = the key `{ $key }` is given twice
yaml-duplicate = a key is given twice
yaml-duplicate-hint = keep one of them: a later one would silently replace the earlier
yaml-not-boolean = the value is not true or false
yaml-boolean-hint = write true or false
yaml-not-scalar = the value is not of the kind this key takes
yaml-scalar-hint = see the format in the README for what this key takes
yaml-non-finite = `{ $value }` is not a number a report can show
yaml-float-hint = write a number in plain digits, e.g. 1250 or 86.5, or quote it to print it as text
yaml-missing-field = missing field `{ $field }`
yaml-missing-field-hint = add the required key; the README lists every key
yaml-unknown-field = unknown field `{ $field }`, expected one of { $expected }
yaml-did-you-mean = did you mean `{ $key }`?
yaml-unknown-field-hint = check the key's spelling against the format in the README
yaml-reader = { $text }
yaml-syntax-hint = check the YAML at that place: indentation, a missing `:`, or text that needs quotes

## What verify finds wrong with an archive package.

package-no-root-mets = it has no METS.xml at its root
package-not-xml = { $mets } is not well-formed XML: { $system }
package-no-href = { $mets } lists a file without an xlink:href
package-outside = { $mets } points outside the package: { $href }
package-no-objid = { $mets } has no mets element with an OBJID
package-folder = cannot read { $folder }: { $system }
package-link = { $file } is a link; a package holds files only
package-too-many-files = it has more than { $max } files
package-too-many-entries = it has more than { $max } entries
package-too-large = the package holds more than { $max } bytes
package-not-zip = not a zip: { $system }
package-scattered = its entries are not all in one folder ({ $top } beside { $root })
package-bomb = { $file } would unpack to { $size } bytes, more than the { $max } of any file of a package
package-in = { $file }: { $fault }
package-damage-crc = its bytes do not match the zip's CRC-32
package-damage-size = its size does not match the zip's record
package-folder-name = the package's folder is named { $folder }, but METS.xml names it { $id }
package-missing = { $file }: missing (listed in { $by })
package-size = { $file }: { $size } bytes, but { $by } records { $recorded }
package-checksum = { $file }: its SHA-256 differs from the one { $by } records
package-extra = { $file }: extra (no METS file lists it)
package-source-missing = { $pdf }: its source { $yaml } is missing
package-differs = { $pdf }: differs from what { $yaml } renders to

## The lines of progress and the summaries at the terminal, and the labels of a diagnostic.

label-hint = hint: { $hint }
error-in-the-report = error: { $error } in the report
template-syntax-hint = fix the template; `uppfoljning templates export DIR` writes the built-in ones to compare with
template-fault-hint = this is a fault in the templates: fix a custom template, or report it with the input file
template-generated-line = line { $line } of the generated Typst reads: { $text }
said-wrote = wrote { $output } ({ $pages ->
    [one] 1 page
   *[other] { $pages } pages
}) in { $ms } ms
said-rendered = rendered { $input } -> { $output }
said-render-summary = { $rendered } rendered, { $failed } failed in { $seconds } s
said-check-ok = ok { $input } ({ $pages ->
    [one] 1 page
   *[other] { $pages } pages
})
said-check-summary = { $ok } ok, { $failed } failed
said-imported = { $count ->
    [one] 1 report imported
   *[other] { $count } reports imported
} into { $database }
said-exported = { $count ->
    [one] 1 report exported
   *[other] { $count } reports exported
} to { $folder }
import-note = imported from a file
said-package-written = wrote { $path } ({ $reports ->
    [one] 1 report
   *[other] { $reports } reports
}, dnr { $dnr })
said-package-kept = kept { $path }: the same package is there already (dnr { $dnr })
said-archive-summary = { $written ->
    [one] 1 package
   *[other] { $written } packages
} written{ $kept ->
    [0] {""}
   *[other] , { $kept } already there
}, { $failed } failed in { $seconds } s
said-package-verified = { $target }: { $files ->
    [one] 1 file
   *[other] { $files } files
} as its METS files record them; { $reports ->
    [one] 1 PDF
   *[other] { $reports } PDFs
} as rendered again from its YAML ({ $id })
said-pdf-verified = { $pdf } matches { $input } (SHA-256 { $sha256 })
said-started = wrote { $path }; fill it in, then: uppfoljning render { $path }
said-watching = watching { $input } (Ctrl-C to stop)
said-built = built { $output } ({ $pages ->
    [one] 1 page
   *[other] { $pages } pages
}) in { $ms } ms
said-kept-last-good = (kept the last good { $output })
said-template-written = wrote { $path }
said-templates-exported = edit them, then render with --templates { $dir }
said-editing = editing { $input } in the browser at the address above (Ctrl-C to stop)
said-editing-new = new report { $input } in the browser at the address above (Ctrl-C to stop)
said-serving = serving on http://{ $address } (POST /v1/render, /v1/check, /v1/archive, /v1/verify; the API at /openapi.json; Ctrl-C to stop)
said-no-browser = could not open a browser ({ $system }); open the address yourself
said-refused = refused { $method } { $path }: { $why }

## How the tool was called: what is wrong with the command line or the service's settings.

serve-same-key-name = serve: two API keys are named { $name }; give each its own name
serve-same-key-digest = serve: API keys { $first } and { $second } have the same sha256; give each caller a key of its own
serve-loopback-only = serve listens only on this machine's own address (127.0.0.1 or ::1) until API keys or an OpenID provider are configured, not on { $address }
serve-out-of-bounds = serve: { $name } must be { $range }
serve-refused = serve: { $why }
serve-login-needs = serve: [login] needs the [oidc] issuer it logs people in at and a workspace (--database) to keep their sessions in
bound-from-to = from { $from } to { $to }
bound-at-most = at most { $max }
bound-seconds-from-to = from { $from } to { $to } seconds
bound-seconds-at-most = at most { $max } seconds
bound-max-body-least = at least the 4 MiB a report may have
bound-max-body-most = at most 1 GiB
bound-body-room = at least max-body (one largest request must fit) and at most 64 GiB
usage-edit-stdin = edit needs a file to save to, not standard input
usage-verify-not-package = { $target } is not an archive package; to verify a PDF, give its YAML too: verify REPORT.pdf INPUT.yaml
usage-extract-images = the embedded source names { $count ->
    [one] 1 image
   *[other] { $count } images
} for its figures, which cannot go to standard output; give -o FILE.yaml to write them beside it

## The workspace's pages: every word an officer reads there.

page-app = Contract follow-up
page-skip = Skip to the content
page-hint = Hint: { $hint }
page-back-to-start = Back to the start page
page-failed = the page could not be shown; try again, and if it still is not shown, tell whoever runs the service
page-start-title = Follow-ups
page-upcoming = Coming follow-ups
page-no-upcoming = No report names a next follow-up yet.
page-next-follow-up = Next follow-up
page-latest-report = Latest report
page-report-of = the report of { $date }
page-overdue = overdue
page-reports = Reports
page-search = Search (dnr, contract, supplier, organisation, officer)
page-state = State
page-sort = Sort by
page-search-button = Search
page-count = { $count ->
    [one] 1 report
   *[other] { $count } reports
}
page-dnr = Dnr
page-contract = Contract
page-supplier = Supplier
page-organisation = Organisation
page-author = Officer
page-date = Date
page-no-dnr = (no dnr)
page-no-contract = (no contract)
page-none = –
page-pages = Pages
page-previous = Previous page
page-next = Next page
page-page-of = Page { $page } of { $pages }
page-state-any = Any
page-state-draft = Draft
page-state-approved = Approved
page-state-archived = Archived
page-sort-updated = Last saved
page-sort-dnr = Dnr
page-sort-contract = Contract
page-sort-supplier = Supplier
page-sort-author = Officer
page-sort-state = State
page-sort-date-newest = Date, newest first
page-sort-date-oldest = Date, oldest first
page-bad-search = the search cannot be read: choose the state and the order from the lists and give the page as a whole number
page-new = New follow-up
page-new-explained = A new report starts from the starter; what is left to write shows as problems at its fields. Next year's follow-up of the same contract starts from the earlier report's page.
page-new-button = Create a new follow-up
page-new-note = a new follow-up from the starter
page-import = Import a folder
page-import-folder = A folder of reports (YAML) and their images
page-import-explained = Every report is checked first. If any has problems, none is imported, and every problem is shown.
page-import-button = Import
page-imported = The folder's reports are imported.
page-draft-differs-short = draft after approval
page-draft-differs = The draft (version { $current }) differs from the approved version { $approved }. The approved version and its PDF are unchanged.
page-current-version = Current version
page-approved-version = Approved version
page-actions = What to do
page-edit = Open in the editor
page-download-pdf = Download the PDF (version { $version })
page-download-yaml = Download the YAML (version { $version })
page-approve = Approve version { $version }
page-cannot-approve = A version { $count ->
    [one] with 1 problem
   *[other] with { $count } problems
} cannot be approved; fix the problems in the editor first.
page-approved = The version is approved; its PDF is kept as it was approved.
page-archive = Archive the case
page-archived = The case's package is now in the e-archive's intake folder.
page-already-archived = The same package was in the e-archive's intake folder already; nothing was written.
page-next-from-this = Start the next follow-up from this one
page-next-started = The next follow-up is started.
page-history = History
page-version = Version { $version }
page-approved-tag = approved
page-saved-by = Saved by { $who } { $at }
page-problems = { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
page-changes-in = Changes in version { $version }
page-no-changes = No changes to the report's content.
page-show-changes = Show the changes in version { $version }
page-more-versions = { $count ->
    [one] 1 older version is not shown here
   *[other] { $count } older versions are not shown here
}; get them through the API.
page-changes-title = Changes from version { $from } to { $to }
page-cross-site = the change did not come from the service's own pages and was not made; make it from the page in the service

## Logging in and out, and the audit log.

login-provider-unready = the login provider has not answered yet; try again in a moment
login-no-random = the service could not make a secret value for the login; try again
login-provider-said-no = the login provider did not log you in; try again, and if it goes on, ask whoever runs the service
login-incomplete = the login could not be finished; start it again from the service
login-expired = the login took too long or was already used; start it again from the service
login-provider-refused = the login provider did not give the service your identity; try again, and if it goes on, ask whoever runs the service
login-token-refused = the identity the login provider gave could not be verified, so you are not logged in; try again
login-not-kept = the service could not keep your session; try again in a moment
login-logged-out = You are logged out.
page-notice = Contract follow-up
page-signed-in-as = Logged in as { $name }
page-log-out = Log out
page-log-in-again = Log in again
page-four-eyes = You saved this version yourself: someone else approves it (four eyes).
page-audit = Audit log
page-audit-explained = Every login, logout, create, save, approval, archiving, download and refused attempt, newest first. Nothing here can be changed or removed.
page-audit-actor = Who
page-audit-action = What
page-audit-from = From (date)
page-audit-until = Until (date)
page-audit-at = When (UTC)
page-audit-outcome = Outcome
page-audit-report = Report
page-audit-request = Request id
page-audit-csv = Download as CSV
page-audit-json = Download as JSON
page-audit-none = No entries match.
page-audit-link = Audit log
page-audit-did-login = login
page-audit-did-logout = logout
page-audit-did-create = new report
page-audit-did-import = import
page-audit-did-save = save
page-audit-did-next = next follow-up
page-audit-did-approve = approval
page-audit-did-archive = archiving
page-audit-did-download = download
page-audit-did-audit = reading of the log
page-audit-did-access = access
page-audit-ok = done
page-audit-refused = refused
