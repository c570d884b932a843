# uppfoljnings ord på svenska: varje mening som en människa läser, under sin nyckel.
# Den engelska filen, locales/en/uppfoljning.ftl, har samma nycklar i samma ordning.
# Ett argument inom { $klamrar } fylls i av programmet; ett värde som användaren skrivit
# visas alltid precis som det skrevs.

## Tjänstens svar: rubriken för varje slags problem.

problem-malformed = begäran kan inte läsas som en begäran till den här vägen
problem-too-large = begärans innehåll är större än någon rapport
problem-too-slow = begärans innehåll kom för långsamt
problem-wrong-type = begärans innehåll är inte av en typ som den här vägen tar emot
problem-invalid = rapporten har problem
problem-unauthorized = en API-nyckel eller en åtkomsttoken behövs
problem-forbidden = anroparen får inte göra detta
problem-queue-full = för många rapporter väntar; försök igen om en stund
problem-busy = alla renderingar är upptagna; försök igen om en stund
problem-time-limit = rapporten tog längre tid att rendera än tidsgränsen
problem-not-ready = tjänsten kan inte kontrollera åtkomsttoken ännu; försök igen om en stund
problem-not-found = vägen finns inte
problem-method-not-allowed = vägen tar inte emot den här metoden
problem-internal = ett fel uppstod i tjänsten
problem-changed = rapporten har ändrats sedan den öppnades
problem-not-saved = rapporten kunde inte sparas

# Arbetsytan (serve --database).
problem-no-such-report = rapporten finns inte
problem-stale-version = rapporten har en nyare version
problem-version-not-named = ändringen anger inte vilken version den ändrar
problem-database-unavailable = arbetsytans databas svarar inte
problem-database-full = arbetsytans databas har inget utrymme kvar
problem-path = sökvägen: { $why }
workspace-not-found = arbetsytan har ingen rapport eller version med det numret
workspace-stale = version { $current } sparades efter versionen som ändras: läs den (dess ETag finns i svaret), gör ändringen på den och skicka den med If-Match: "{ $current }"
workspace-approve-problems = versionen har problem: rätta dem i en ny version och fastställ sedan den
workspace-too-many-versions = rapporten har { $most } versioner, så många som en rapport får ha: börja en ny rapport
workspace-unavailable = databasen kunde inte spara eller lämna ut rapporten ({ $why }); inget ändrades: försök igen om en stund
workspace-full = databasens disk är full, så inget av ändringen sparades; be den som driftar tjänsten att frigöra utrymme, och spara sedan igen
audit-bad-filter = granskningsloggens urval går inte att läsa: utförare högst 200 tecken, händelse högst 40, från och till som datum, t.ex. 2026-12-05, rapport ett nummer, format json eller csv, antal från 1 till 10000
workspace-four-eyes = version { $version } sparades av dig; någon annan måste fastställa den (fyra ögon)
workspace-if-match = ange i If-Match vilken version ändringen gäller, som rapportens ETag gav den (t.ex. If-Match: "3")
workspace-if-match-unknown = If-Match är ingen versionsetikett från tjänsten: skicka den ETag som en läsning av rapporten gav, med citattecknen (t.ex. If-Match: "3")
workspace-search-too-long = en sökning får vara högst { $most } tecken
workspace-page = page är 1 till 100000, per_page 1 till 200
workspace-not-approved = rapport { $id } i ärendet ({ $date }) har ingen fastställd version: fastställ den och arkivera sedan ärendet
workspace-next-note = nästa uppföljning efter rapport { $id }
database-url = { $url } är ingen databasadress: skriv sqlite:SÖKVÄG eller postgres://ANVÄNDARE@VÄRD/NAMN
change-whole = hela rapporten ändrades (en version går inte att läsa som rapportens fält)
change-more = { $count } ändringar till
change-value = { $field }: { $before } → { $after }
change-changed = { $field }: ändrat
change-added = { $field }: tillagt
change-added-value = { $field }: tillagt ({ $value })
change-removed = { $field }: borttaget
change-removed-value = { $field }: borttaget ({ $value })
change-scores = { $field }: { $before } svar → { $after } svar

# The editor (edit, and the editor the service mounts).
editor-forbidden = öppna adressen som `uppfoljning edit` skrev ut
editor-not-found = redigeraren har ingen sådan sida
editor-send-json = skicka rapporten som JSON (Content-Type: application/json)
editor-report-too-large = rapporten är större än gränsen på { $limit } MiB
editor-image-too-large = en bild får vara högst { $limit } MiB
editor-unreadable = förfrågan gick inte att läsa
editor-not-its-json = förfrågan är inte redigerarens JSON
editor-changed = någon annan har sparat rapporten efter att du öppnade den: läs in den igen för att se ändringen och gör sedan din egen på nytt
editor-failed = redigeraren misslyckades med förfrågan


## Tjänstens svar: vad som gick fel med den här begäran.

problem-many-reports = { $count } av de skickade rapporterna har problem
problem-see-routes = se /openapi.json för vägarna
problem-see-methods = se /openapi.json för de metoder som varje väg tar emot
problem-undeclared = vägen anger ingen behörighet, så ingen anropare får använda den: det är ett fel i tjänsten, rapportera det gärna
problem-no-caller = begäran nådde sin väg utan anropare: det är ett fel i tjänsten, rapportera det gärna
problem-query = frågeparametrarna: { $why }
problem-option = { $name }: { $why }
problem-queue-is-full = alla renderingar är upptagna och kön är full
problem-queue-wait = ingen rendering blev ledig medan begäran väntade i kön
problem-past-time-limit = renderingen pågick längre än tidsgränsen
problem-defect = rapporten kunde inte renderas: det är ett fel i tjänsten, rapportera det gärna
door-unknown = skicka en API-nyckel som tjänsten känner till, eller en åtkomsttoken, som Authorization: Bearer …
token-not-jwt = åtkomsttoken är ingen JWT
token-not-public-key = åtkomsttoken är inte signerad med en algoritm för publika nycklar
token-no-kid = åtkomsttoken anger ingen signeringsnyckel (kid)
token-unusable-key = åtkomsttoken anger en nyckel som tjänsten inte kan använda
token-expired = åtkomsttoken har gått ut
token-not-yet = åtkomsttoken gäller inte ännu
token-audience = åtkomsttoken är utfärdad för en annan mottagare (audience)
token-issuer = åtkomsttoken kommer från en annan utfärdare
token-signature = åtkomsttokens signatur stämmer inte
token-claims = åtkomsttoken saknar exp, iss eller aud
token-time-format = åtkomsttoken har en exp eller nbf som inte är en tidpunkt
token-unreadable = åtkomsttoken kan inte läsas
token-nonce = ID-token bär inte nonce från inloggningen den svarar på
door-unknown-key = åtkomsttoken är signerad med en nyckel som utfärdaren inte publicerar
door-not-loopback-host = tjänsten har ingen inloggning och svarar bara den här datorns egna namn (localhost, 127.0.0.1, [::1]); öppna den under ett av dem
door-no-csrf = ändringen saknar sessionens CSRF-token eller kom inte från tjänstens egna sidor, och gjordes inte; gör den från sidan i tjänsten
door-not-ready = utfärdarens nycklar är inte inlästa ännu, så ingen token kan kontrolleras
door-forbidden = anroparen saknar behörigheten { $permission }: be om den
unsent-wrong-type = Content-Type är inte { $accepted }
unsent-too-slow = innehållet måste komma med minst { $rate } KiB/s; skicka det igen över en snabbare förbindelse
unsent-busy = tjänsten tar redan emot så mycket innehåll som minnet räcker till
body-report-too-large = en rapport är högst { $max } byte
body-request-too-large = en begäran med bilder är högst { $max } byte
body-unreadable = innehållet kunde inte läsas
body-not-utf8 = innehållet är inte UTF-8-text
body-report-not-utf8 = delen report är inte UTF-8-text
body-no-boundary = multipart-typen i Content-Type saknar boundary
body-no-part = ingen del heter { $name }
body-no-reports-in-folder = mappen har ingen rapport (YAML-fil); välj mappen där rapporterna ligger
body-too-many-images = en rapport har högst { $max } bilder
body-part-unnamed = en del saknar namn
body-part-twice = delen { $name } kom två gånger
body-too-many-reports = ett ärende som skickas på en gång har högst { $max } rapporter
body-same-file-name = två rapportdelar har filnamnet { $name }
body-part-outside = delen { $name } är ingen relativ sökväg inuti rapportens mapp (inget /, .. eller \ i början)
body-over-limit = begäran är större än gränsen för den
body-part-too-large = begäran eller en av dess delar är större än { $max } byte
body-incomplete = multipart-innehållet slutar före sin avslutande boundary
body-not-multipart = multipart-innehållet är inte multipart/form-data som det anges

## En rapports problem: vad som är fel med ett värde, och (-hint) hur det rättas.

error-invalid = { $path }: { $count ->
    [one] 1 problem
   *[other] { $count } problem
}
kind-empty = texten är tom
kind-empty-hint = skriv texten, eller ta bort nyckeln om fältet är frivilligt
kind-multi-line = texten har en radbrytning, men fältet skrivs ut på en rad
kind-multi-line-hint = skriv texten på en rad
kind-control = texten har styrtecknet U+{ $code }, som inte kan skrivas ut
kind-pasted-hint = ta bort tecknet (det följer ofta med när text klistras in från ett annat program)
kind-no-glyph = texten har { $found } (U+{ $code }), som inget av rapportens typsnitt kan visa
kind-no-glyph-hint = byt ut tecknet, eller lägg till ett typsnitt som har det med --font-path
kind-too-long = texten har { $length } tecken, fler än gränsen på { $max }
kind-too-long-hint = dela upp texten i stycken eller avsnitt
kind-printed-number = { $written } är ett tal skrivet som rapporten skriver ut det, och skulle då sättas som text
kind-printed-number-hint = skriv { $plain }: rapporten skriver ut det som { $written }, högerställt med de andra talen
kind-placeholder = { $value } är mallens platshållare, inte rapportens egen text
kind-placeholder-hint = skriv rapportens egen text här, eller ta bort nyckeln om fältet är frivilligt
kind-too-costly = rapporten har här vuxit till vad som tar omkring { $mib } MiB att typsätta, mer än de { $max } MiB som en rapport får ta
kind-too-costly-hint = dela upp rapporten i rapporter på ett hundratal sidor, eller gör bilderna mindre (en figur behöver inte mer än 300 dpi i textens bredd)
kind-too-many = det finns { $count } { $what }, fler än gränsen på { $max }
kind-too-many-hint = dela upp rapporten
kind-not-archivable = texten har U+{ $code }, ett byte-order mark, ett icke-tecken eller en kodpunkt för privat bruk, som en arkiv-PDF inte får innehålla
kind-not-a-date = { $value } är inget datum som finns
kind-not-a-date-hint = skriv ett datum som finns, som ÅÅÅÅ-MM-DD, t.ex. 2016-03-01
kind-not-a-period = { $value } är varken en månad eller ett datum
kind-not-a-period-hint = skriv ÅÅÅÅ-MM (2015-12) eller ÅÅÅÅ-MM-DD (2015-12-01)
kind-after-report-date = { $value } ligger efter rapportens datum { $date }
kind-after-report-date-hint = rätta det här datumet eller rapportens `date`
kind-no-entries = det finns inga { $what }
kind-no-entries-hint = lägg till minst { $what ->
    [blocks] ett block
    [sections] ett avsnitt
    [items] en punkt
    [rows] en rad
    [columns] en kolumn
    [criteria] en bedömningsgrund
    [findings] en iakttagelse
   *[other] en
}
kind-scale-order = skalan går från { $min } till { $max }, men min måste vara mindre än max
kind-scale-order-hint = t.ex. min: 1, max: 5
kind-unknown-language = { $value } är inte ett språk som rapporten kan skrivas på
kind-unknown-language-hint = använd sv (standard) eller en
kind-scale-bound = { $value } ligger utanför 0–100
kind-scale-bound-hint = använd en skala inom 0–100, t.ex. min: 1, max: 5
kind-cell-count = raden har { $cells ->
    [one] 1 cell
   *[other] { $cells } celler
}, men tabellen har { $columns ->
    [one] 1 kolumn
   *[other] { $columns } kolumner
}
kind-cell-count-hint = ge varje rad en cell per kolumn; skriv "" för en tom cell
kind-number-form = `{ $written }` läses av YAML som ett tal, men det är inte skrivet med vanliga decimala siffror, så det kan inte visas som det skrevs
kind-number-form-hint = citera det som text ("{ $written }") för att visa det som det skrevs; ett tal skrivs med siffror, ett valfritt `-` och decimalpunkt, t.ex. 1250 eller 86.5
kind-not-a-number = { $value } är text, inte ett tal
kind-not-a-number-hint = skriv talet utan citattecken
kind-not-whole = { $written } är inget heltal
kind-not-whole-hint = ange ett heltal, t.ex. 4
kind-line-too-long = texten har { $length } tecken, fler än gränsen på { $max } för det här fältet
kind-line-too-long-hint = korta texten (ett namn, en rubrik eller en cell är en rad; en längre text hör hemma i ett stycke)
kind-long-words = texten har { $count } ord på { $chars } tecken eller fler (som webbadresser), fler än gränsen på { $max }
kind-long-words-hint = dela upp texten i flera stycken, eller flytta adresserna till en bilaga
kind-unknown-status = { $value } är ingen status
kind-unknown-status-hint = använd open, ongoing eller done
kind-before-performed = { $value } ligger före den uppföljning som rapporten gäller ({ $performed })
kind-before-performed-hint = ange den månad eller dag som nästa uppföljning är planerad till
kind-image-path = bilden { $value } ligger inte i YAML-filens mapp
kind-image-path-hint = ange en sökväg relativt YAML-filens mapp, utan `..`, t.ex. bilder/diagram.png
kind-image-unreadable = bilden { $path } kan inte läsas: { $reason }
kind-image-unreadable-hint = kontrollera sökvägen; den är relativ till YAML-filens mapp
kind-image-not-sent-hint = skicka bilden som en multipart-del med den här sökvägen som namn
kind-image-format = { $path } är ingen PNG-, JPEG- eller SVG-bild
kind-image-format-hint = spara bilden som PNG, JPEG eller SVG
kind-no-scores = det finns inga poäng
kind-no-scores-hint = ange minst en poäng, eller en `comment` som säger varför det inte finns några
kind-score-outside = poängen { $score } ligger utanför skalan { $min }–{ $max }
kind-score-outside-hint = ange ett heltal från { $min } till { $max }
things-blocks = block
things-columns = kolumner
things-criteria = bedömningsgrunder
things-findings = iakttagelser
things-items = punkter
things-rows = rader
things-sections = avsnitt
image-too-many-pixels = bilden { $path } är { $width } × { $height } bildpunkter, fler än gränsen på { $max } bildpunkter
image-too-many-pixels-hint = skala ner bilden; en sida i 300 dpi behöver färre än 9 miljoner bildpunkter
image-damaged = bilden { $path } är skadad eller ofullständig: { $reason }
image-damaged-hint = spara eller exportera bilden på nytt från programmet som gjorde den
image-linked = SVG-bilden { $path } hänvisar till en annan fil ({ $href }), som en rapport inte kan innehålla
image-nested-kind = SVG-bilden { $path } innehåller en bild av typen { $mime }; bara PNG- och JPEG-bilder får finnas i en SVG
image-embed-hint = bädda in bilden i SVG-filen som PNG eller JPEG (i de flesta ritprogram: "bädda in bilder"), eller använd en PNG av figuren
unread-folder = mappen kan inte läsas: { $system }
unread-missing = det finns ingen sådan fil i rapportens mapp
unread-denied = den här användaren får inte läsa filen
unread-outside-folder = den leder ut ur YAML-filens mapp (genom en länk)
unread-outside-package = den ligger inte i paketet
unread-not-sent = ingen del med namnet { $part } kom med rapporten; skicka bilden som en del med det namnet
unread-not-in-package = { $inside } finns inte i paketet

## Kommandoradens fel: vad som gick fel, och (-hint) hur det rättas.

error-at = { $path }: { $message }
error-given = { $text }
error-form = { $path }: { $message }
error-read = kan inte läsa { $path }: { $system }
error-read-hint = kontrollera att filen finns och går att läsa
error-too-large = { $path } är större än gränsen på { $max } byte
error-too-large-hint = en uppföljningsrapport är några kilobyte; kontrollera att det är rätt fil
error-not-a-file = kan inte läsa { $path }: det är { $kind ->
    [folder] en mapp
    [fifo] en FIFO
    [device] en enhet
    [socket] en socket
   *[other] { $kind }
}, inte en vanlig fil
error-not-a-file-hint = ange själva YAML-filen, eller - för standard in
error-not-utf8 = { $path } är inte UTF-8-text
error-not-utf8-hint = spara filen som UTF-8 (i de flesta redigerare: "Spara med kodning")
error-typeset = { $path }: rapporten kunde inte typsättas
error-write = kan inte skriva { $path }: { $system }
error-write-hint = kontrollera att mappen finns och är skrivbar; en tidigare fil där är oförändrad
error-output-is-input = skriver inte { $path } över sin egen indata
error-output-is-input-hint = ange en annan utfil med -o
error-font-path = kan inte läsa typsnitt från { $path }: { $system }
error-font-path-hint = --font-path tar en mapp med .ttf-, .otf- eller .ttc-filer
error-font-not-found = { $path }: `font`: typsnittsfamiljen { $family } finns inte
error-font-not-found-hint = peka --font-path på en mapp med dess filer, eller använd en av: { $available }
error-templates = kan inte läsa mallar från { $path }: { $system }
error-templates-hint = --templates tar en mapp som gjorts med `uppfoljning templates export MAPP`
error-one-output = -o anger en utfil, men det finns { $count } indatafiler
error-one-output-hint = använd --out-dir MAPP för flera indatafiler
error-no-inputs = inga YAML-filer bland indata
error-no-inputs-hint = ange .yaml-filer, eller mappar som innehåller sådana
error-same-output = { $input } skulle skrivas till { $output }, och det skulle även { $n ->
    [one] { $last }
   *[other] { $rest } och { $last }
}
error-same-output-hint = två indatafiler med samma dnr (eller namn) kan inte dela mapp; rätta dnr eller rendera dem var för sig
error-usage-hint = se --help
error-serve-config-hint = se README:ns avsnitt om att köra tjänsten för ett fullständigt exempel
error-database = arbetsytans databas { $url } kan inte öppnas: { $system }
error-database-hint = för sqlite:SÖKVÄG måste mappen finnas och gå att skriva i; för postgres:// måste servern vara igång och databasen finnas (createdb NAMN)
error-listen = kan inte lyssna på { $address }: { $system }
error-listen-serve-hint = välj en annan adress eller port för --listen, eller stoppa programmet som håller den
error-listen-edit-hint = välj en annan --port, eller utelämna den för en ledig
error-mismatch = { $pdf } stämmer inte med { $input }: YAML-filen renderas till en annan PDF ({ $reason })
differs-unknown-hint = YAML-filens innehåll eller inställningarna den renderas med skiljer sig från PDF:ens: rendera YAML-filen igen, eller kontrollera att samma --templates, --font-path och --pdf-standard anges
differs-options-hint = PDF:en bär just den här YAML-filen, så inställningarna skiljer sig: ange samma --templates, --font-path och --pdf-standard som när den gjordes (eller så gjordes den av en annan version av uppfoljning)
differs-fields-hint = YAML-filen skiljer sig från den som PDF:en bär i { $fields }{ $more ->
    [0] {""}
   *[other] {" "}och { $more } till
}: rendera YAML-filen igen för en ny PDF, eller verifiera mot YAML-filen den gjordes från (`uppfoljning extract` ger tillbaka den)
error-no-source = { $path } har ingen inbäddad YAML-källa
error-no-source-hint = bara PDF:er som renderats med --embed-source bär sin källa
error-not-pdf = { $path } är ingen PDF som går att läsa: { $system }
error-not-pdf-hint = ange den PDF som verktyget skrev
error-exists = { $path } finns redan
error-exists-hint = välj ett annat namn, eller ta bort filen först (extract ersätter den med --force)
error-output-not-a-file = skriver inte { $path }: det är { $kind ->
    [folder] en mapp
    [fifo] en FIFO
    [device] en enhet
    [socket] en socket
   *[other] { $kind }
}, inte en vanlig fil
error-output-not-a-file-hint = ange en fil att skriva, eller - för standard ut
error-link = skriver inte genom länken { $path }
error-link-hint = ta bort länken, eller välj en annan utmapp
error-link-moved = { $link } leder nu till { $now }, inte till { $then } som när redigeraren öppnade den
error-link-moved-hint = öppna filen igen med `uppfoljning edit` för att redigera dit länken leder nu; formulärets text finns kvar på sidan
error-watch = kan inte bevaka { $path }: { $system }
error-watch-hint = kontrollera att filen finns
error-failed = { $count } av { $total } rapporter misslyckades
error-failed-hint = se felen ovan
error-same-report-date = { $n ->
    [one] { $last }
   *[other] { $rest } och { $last }
} är rapporter för dnr { $dnr } daterade { $date }
error-same-report-date-hint = ett ärende har en rapport per datum: ta bort den gamla kopian, eller rätta `date`
error-same-image-name = rapporter för dnr { $dnr } anger två olika bilder { $name }
error-same-image-name-hint = ett ärendes källor ligger i en mapp i paketet: ge bilderna olika namn
error-many-cases = de skickade rapporterna gäller { $count } ärenden: dnr { $count ->
    [one] { $last }
   *[other] { $rest } och { $last }
}
error-many-cases-hint = ett paket innehåller rapporterna för ett dnr: skicka varje ärende i en egen begäran
error-past-time-limit = paketet blev inte klart inom tidsgränsen på { $seconds } s
error-past-time-limit-hint = skicka färre rapporter åt gången, eller be tjänstens driftansvariga om en längre time-limit
error-case-failed = inget paket för dnr { $dnr }: { $failed } av { $total } rapporter misslyckades
error-case-failed-hint = rätta felen ovan och arkivera igen; ett paket innehåller alla rapporter i sitt ärende eller ingen
error-not-package = { $path } är inget arkivpaket: { $fault }
error-not-package-hint = ange en paketmapp eller .zip som skrivits av `uppfoljning archive`
error-package-differs = { $path } stämmer inte med sina METS-filer: { $count ->
    [one] 1 problem
   *[other] { $count } problem
}
    {"  "}{ $lines }
error-package-differs-hint = paketet har ändrats efter att det skrevs; skriv det igen med `uppfoljning archive` (ange samma --templates och --font-path som då)
error-standards = kan inte kombinera PDF-standarderna { $standards }: { $system }
error-standards-hint = välj högst en PDF/A- och en PDF/UA-standard, t.ex. --pdf-standard a-2a --pdf-standard ua-1
form-not-a-mapping = filen är ingen rapport: dess översta nivå är inte en uppsättning nycklar
form-not-a-mapping-hint = öppna en rapports YAML-fil, eller ett nytt filnamn för att börja från mallen
form-not-yaml = filen är inte YAML som formuläret kan visa: { $system }
form-not-yaml-hint = rätta den i en textredigerare först (`uppfoljning check` visar var)
form-unwritable = formulärets rapport kan inte skrivas som YAML: { $system }
form-unwritable-hint = ångra den senaste ändringen; om det kvarstår, rapportera det som ett fel
form-image = den valda bilden kan inte användas: { $why }
form-image-hint = välj en PNG-, JPEG- eller SVG-bild på högst 16 MiB
form-image-no-name = tusen bilder med det namnet finns redan i `bilder`

## YAML-läsarens fel, med verktygets ord.

yaml-tag = taggen `{ $tag }` ber om ett annat värde än det som skrevs, och taggar ingår inte i formatet
yaml-tag-hint = ta bort taggen; sätt citattecken runt ett tal eller ett ord för att skriva det som text
yaml-budget = YAML-filen går över en av läsarens gränser
yaml-budget-hint = YAML-filen går över en gräns: högst { $aliases } alias och ankare, { $depth } nivåer av nästling, { $bytes } byte text (se Limits i README)
yaml-documents = filen innehåller mer än ett YAML-dokument
yaml-documents-hint = ha en rapport per fil: ta bort raden `---` och det som följer, eller flytta det till en egen fil
yaml-duplicate-key = nyckeln `{ $key }` förekommer två gånger
yaml-duplicate = en nyckel förekommer två gånger
yaml-duplicate-hint = behåll en av dem: den senare skulle utan varning ersätta den tidigare
yaml-not-boolean = värdet är varken true eller false
yaml-boolean-hint = skriv true eller false
yaml-not-scalar = värdet är inte av det slag som nyckeln tar emot
yaml-scalar-hint = se formatet i README för vad nyckeln tar emot
yaml-non-finite = `{ $value }` är inget tal som en rapport kan visa
yaml-float-hint = skriv talet med vanliga siffror, t.ex. 1250 eller 86.5, eller sätt citattecken runt det för att skriva det som text
yaml-missing-field = fältet `{ $field }` saknas
yaml-missing-field-hint = lägg till nyckeln, den krävs; README listar alla nycklar
yaml-unknown-field = fältet `{ $field }` finns inte; möjliga fält är { $expected }
yaml-did-you-mean = menade du `{ $key }`?
yaml-unknown-field-hint = kontrollera nyckelns stavning mot formatet i README
yaml-reader = { $text }
yaml-syntax-hint = kontrollera YAML-texten på det stället: indrag, ett `:` som saknas, eller text som behöver citattecken

## Vad verify hittar som är fel med ett arkivpaket.

package-no-root-mets = det har ingen METS.xml i roten
package-not-xml = { $mets } är inte välformad XML: { $system }
package-no-href = { $mets } listar en fil utan xlink:href
package-outside = { $mets } pekar ut ur paketet: { $href }
package-no-objid = { $mets } har inget mets-element med OBJID
package-folder = kan inte läsa { $folder }: { $system }
package-link = { $file } är en länk; ett paket innehåller bara filer
package-too-many-files = det har fler än { $max } filer
package-too-many-entries = det har fler än { $max } poster
package-too-large = paketet är större än { $max } byte
package-not-zip = ingen zip: { $system }
package-scattered = dess poster ligger inte alla i en mapp ({ $top } bredvid { $root })
package-bomb = { $file } skulle packas upp till { $size } byte, mer än de { $max } som någon fil i ett paket får ha
package-in = { $file }: { $fault }
package-damage-crc = dess byte stämmer inte med zip-filens CRC-32
package-damage-size = dess storlek stämmer inte med zip-filens uppgift
package-folder-name = paketets mapp heter { $folder }, men METS.xml kallar den { $id }
package-missing = { $file }: saknas (listad i { $by })
package-size = { $file }: { $size } byte, men { $by } anger { $recorded }
package-checksum = { $file }: dess SHA-256 skiljer sig från den som { $by } anger
package-extra = { $file }: överflödig (ingen METS-fil listar den)
package-source-missing = { $pdf }: dess källa { $yaml } saknas
package-differs = { $pdf }: skiljer sig från det som { $yaml } renderas till

## Förloppsraderna och sammanfattningarna i terminalen, och etiketterna i ett felmeddelande.

label-hint = tips: { $hint }
error-in-the-report = fel: { $error } i rapporten
template-syntax-hint = rätta mallen; `uppfoljning templates export MAPP` skriver ut de inbyggda att jämföra med
template-fault-hint = det här är ett fel i mallarna: rätta en egen mall, eller rapportera det tillsammans med indatafilen
template-generated-line = rad { $line } i den genererade Typst-koden lyder: { $text }
said-wrote = skrev { $output } ({ $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
}) på { $ms } ms
said-rendered = renderade { $input } -> { $output }
said-render-summary = { $rendered } renderade, { $failed } misslyckades på { $seconds } s
said-check-ok = ok { $input } ({ $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
})
said-check-summary = { $ok } ok, { $failed } misslyckades
said-imported = { $count ->
    [one] 1 rapport importerad
   *[other] { $count } rapporter importerade
} till { $database }
said-exported = { $count ->
    [one] 1 rapport exporterad
   *[other] { $count } rapporter exporterade
} till { $folder }
import-note = importerad från en fil
said-package-written = skrev { $path } ({ $reports ->
    [one] 1 rapport
   *[other] { $reports } rapporter
}, dnr { $dnr })
said-package-kept = behöll { $path }: samma paket finns redan där (dnr { $dnr })
said-archive-summary = { $written ->
    [one] 1 paket
   *[other] { $written } paket
} skrivna{ $kept ->
    [0] {""}
   *[other] , { $kept } fanns redan
}, { $failed } misslyckades på { $seconds } s
said-package-verified = { $target }: { $files ->
    [one] 1 fil
   *[other] { $files } filer
} som dess METS-filer anger dem; { $reports ->
    [one] 1 PDF
   *[other] { $reports } PDF:er
} som de renderas på nytt från sin YAML ({ $id })
said-pdf-verified = { $pdf } stämmer med { $input } (SHA-256 { $sha256 })
said-started = skrev { $path }; fyll i den, sedan: uppfoljning render { $path }
said-watching = bevakar { $input } (Ctrl-C för att sluta)
said-built = byggde { $output } ({ $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
}) på { $ms } ms
said-kept-last-good = (behöll den senaste fungerande { $output })
said-template-written = skrev { $path }
said-templates-exported = redigera dem, rendera sedan med --templates { $dir }
said-editing = redigerar { $input } i webbläsaren på adressen ovan (Ctrl-C för att sluta)
said-editing-new = ny rapport { $input } i webbläsaren på adressen ovan (Ctrl-C för att sluta)
said-serving = lyssnar på http://{ $address } (POST /v1/render, /v1/check, /v1/archive, /v1/verify; API:t på /openapi.json; Ctrl-C för att sluta)
said-no-browser = kunde inte öppna en webbläsare ({ $system }); öppna adressen själv
said-refused = avvisade { $method } { $path }: { $why }

## Hur verktyget anropades: vad som är fel med kommandoraden eller tjänstens inställningar.

serve-same-key-name = serve: två API-nycklar heter { $name }; ge var och en ett eget namn
serve-same-key-digest = serve: API-nycklarna { $first } och { $second } har samma sha256; ge varje anropare en egen nyckel
serve-loopback-only = serve lyssnar bara på den här datorns egen adress (127.0.0.1 eller ::1) tills API-nycklar eller en OpenID-utfärdare är inställda, inte på { $address }
serve-out-of-bounds = serve: { $name } måste vara { $range }
serve-refused = serve: { $why }
serve-login-needs = serve: [login] behöver [oidc]-utfärdaren som personer loggar in hos och en arbetsyta (--database) att spara deras sessioner i
bound-from-to = från { $from } till { $to }
bound-at-most = högst { $max }
bound-seconds-from-to = från { $from } till { $to } sekunder
bound-seconds-at-most = högst { $max } sekunder
bound-max-body-least = minst de 4 MiB som en rapport får ha
bound-max-body-most = högst 1 GiB
bound-body-room = minst max-body (en största begäran måste få plats) och högst 64 GiB
usage-edit-stdin = edit behöver en fil att spara till, inte standard in
usage-verify-not-package = { $target } är inget arkivpaket; ange också dess YAML för att verifiera en PDF: verify RAPPORT.pdf INDATA.yaml
usage-extract-images = den inbäddade källan anger { $count ->
    [one] 1 bild
   *[other] { $count } bilder
} till sina figurer, som inte kan skrivas till standard ut; ange -o FIL.yaml för att skriva dem bredvid den

## Arbetsytans sidor: varje ord som en handläggare läser där.

page-app = Uppföljning av avtal
page-skip = Hoppa till innehållet
page-hint = Tips: { $hint }
page-back-to-start = Tillbaka till startsidan
page-failed = sidan kunde inte visas; försök igen, och visar den sig inte, säg till den som driftar tjänsten
page-start-title = Uppföljningar
page-upcoming = Kommande uppföljningar
page-no-upcoming = Ingen rapport anger någon nästa uppföljning ännu.
page-next-follow-up = Nästa uppföljning
page-latest-report = Senaste rapporten
page-report-of = rapporten { $date }
page-overdue = försenad
page-reports = Rapporter
page-search = Sök (dnr, avtal, leverantör, organisation, handläggare)
page-state = Status
page-sort = Sortera efter
page-search-button = Sök
page-count = { $count ->
    [one] 1 rapport
   *[other] { $count } rapporter
}
page-dnr = Dnr
page-contract = Avtal
page-supplier = Leverantör
page-organisation = Organisation
page-author = Handläggare
page-date = Datum
page-no-dnr = (utan dnr)
page-no-contract = (avtal saknas)
page-none = –
page-pages = Sidor
page-previous = Föregående sida
page-next = Nästa sida
page-page-of = Sida { $page } av { $pages }
page-state-any = Alla
page-state-draft = Utkast
page-state-approved = Fastställd
page-state-archived = Arkiverad
page-sort-updated = Senast sparad
page-sort-dnr = Dnr
page-sort-contract = Avtal
page-sort-supplier = Leverantör
page-sort-author = Handläggare
page-sort-state = Status
page-sort-date-newest = Datum, nyast först
page-sort-date-oldest = Datum, äldst först
page-bad-search = sökningen går inte att läsa: välj status och sortering i listorna och ange sidan som ett heltal
page-new = Ny uppföljning
page-new-explained = En ny rapport börjar från mallen; det som ska skrivas visas som problem vid sina fält. Nästa års uppföljning av samma avtal startar du från den tidigare rapportens sida.
page-new-button = Skapa en ny uppföljning
page-new-note = ny uppföljning från mallen
page-import = Importera en mapp
page-import-folder = Mapp med rapporter (YAML) och deras bilder
page-import-explained = Alla rapporter kontrolleras först. Har någon problem importeras ingen, och varje problem visas.
page-import-button = Importera
page-imported = Mappens rapporter är importerade.
page-draft-differs-short = utkast efter fastställd
page-draft-differs = Utkastet (version { $current }) skiljer sig från den fastställda versionen { $approved }. Den fastställda versionen och dess PDF är oförändrade.
page-current-version = Aktuell version
page-approved-version = Fastställd version
page-actions = Att göra
page-edit = Öppna i redigeraren
page-download-pdf = Ladda ner PDF (version { $version })
page-download-yaml = Ladda ner YAML (version { $version })
page-approve = Fastställ version { $version }
page-cannot-approve = Version { $count ->
    [one] med 1 problem
   *[other] med { $count } problem
} kan inte fastställas; rätta problemen i redigeraren först.
page-approved = Versionen är fastställd; dess PDF är sparad som den fastställdes.
page-archive = Arkivera ärendet
page-archived = Ärendets paket ligger nu i e-arkivets leveransmapp.
page-already-archived = Samma paket låg redan i e-arkivets leveransmapp; inget skrevs.
page-next-from-this = Starta nästa uppföljning från denna
page-next-started = Nästa uppföljning är startad.
page-history = Historik
page-version = Version { $version }
page-approved-tag = fastställd
page-saved-by = Sparad av { $who } { $at }
page-problems = { $count ->
    [one] 1 problem
   *[other] { $count } problem
}
page-changes-in = Ändringar i version { $version }
page-no-changes = Inga ändringar i rapportens innehåll.
page-show-changes = Visa ändringarna i version { $version }
page-more-versions = { $count ->
    [one] 1 äldre version visas inte här
   *[other] { $count } äldre versioner visas inte här
}; hämta dem genom API:t.
page-changes-title = Ändringar från version { $from } till { $to }
page-cross-site = ändringen kom inte från tjänstens egna sidor och gjordes inte; gör den från sidan i tjänsten

## In- och utloggning, och granskningsloggen.

login-provider-unready = inloggningstjänsten har inte svarat än; försök igen om en stund
login-no-random = tjänsten kunde inte skapa ett hemligt värde för inloggningen; försök igen
login-provider-said-no = inloggningstjänsten loggade inte in dig; försök igen, och händer det igen, fråga den som driftar tjänsten
login-incomplete = inloggningen kunde inte slutföras; börja om från tjänsten
login-expired = inloggningen tog för lång tid eller är redan använd; börja om från tjänsten
login-provider-refused = inloggningstjänsten gav inte tjänsten din identitet; försök igen, och händer det igen, fråga den som driftar tjänsten
login-token-refused = identiteten från inloggningstjänsten gick inte att kontrollera, så du är inte inloggad; försök igen
login-not-kept = tjänsten kunde inte spara din session; försök igen om en stund
login-logged-out = Du är utloggad.
page-notice = Uppföljning av avtal
page-signed-in-as = Inloggad som { $name }
page-log-out = Logga ut
page-log-in-again = Logga in igen
page-four-eyes = Du sparade den här versionen själv: någon annan fastställer den (fyra ögon).
page-audit = Granskningslogg
page-audit-explained = Varje inloggning, utloggning, ny rapport, sparning, fastställelse, arkivering, nedladdning och nekat försök, nyast först. Inget här kan ändras eller tas bort.
page-audit-actor = Vem
page-audit-action = Vad
page-audit-from = Från (datum)
page-audit-until = Till (datum)
page-audit-at = När (UTC)
page-audit-outcome = Utfall
page-audit-report = Rapport
page-audit-request = Begärans id
page-audit-csv = Ladda ner som CSV
page-audit-json = Ladda ner som JSON
page-audit-none = Inga poster matchar.
page-audit-link = Granskningslogg
page-audit-did-login = inloggning
page-audit-did-logout = utloggning
page-audit-did-create = ny rapport
page-audit-did-import = import
page-audit-did-save = sparning
page-audit-did-next = nästa uppföljning
page-audit-did-approve = fastställelse
page-audit-did-archive = arkivering
page-audit-did-download = nedladdning
page-audit-did-audit = läsning av loggen
page-audit-did-access = åtkomst
page-audit-ok = utförd
page-audit-refused = nekad
