"""Six practices: one per demo municipality, plus a small one adapted from another.

The texts are written for the demo from publicly described work in each municipality. Quotes,
contact people, some dates and the smaller figures are illustrative, as the About page says.
"""

from __future__ import annotations

from datetime import date, timedelta

from practices.models import EvidenceLevel, PracticePage, PracticeStatus

from .base import (
    DemoContext,
    Pair,
    ensure_page,
    ensure_translation,
    fact_box,
    funding,
    heading,
    image,
    key_figure,
    paragraph,
    partner,
    quote,
    resolve_images,
)

LOKALEN = {
    "municipality": "harnosand",
    "shared": {
        "image": "lokalen",
        "status": PracticeStatus.ENDED,
        "start_date": date(2022, 4, 1),
        "end_date": date(2023, 12, 31),
        "evidence_level": EvidenceLevel.INTERNAL,
        "verified_days_ago": 30,
        "target_groups": [
            "personer-med-tillfalligt-skydd",
            "nyanlanda-vuxna",
            "familjer",
            "barn-och-unga",
        ],
        "approaches": [
            "motesplats",
            "samverkan-mellan-myndigheter",
            "civilsamhalle-och-volontarer",
            "samhallsinformation",
        ],
    },
    "sv": {
        "slug": "lokalen",
        "title": "Lokalen – mötesplats för människor på flykt från Ukraina",
        "summary": (
            "När människor flydde från kriget i Ukraina 2022 tog Härnösands kommun över "
            "mötesplatsen Lokalen från frivilliga. Där fanns kläder, mat och svar på frågor om "
            "samhället. Av de 75 personer som togs emot har i dag alla vuxna arbete och alla "
            "barn går i skolan."
        ),
        "tags": ["Ukraina", "tillfälligt skydd", "mötesplats"],
        "challenge": (
            "<p>Under våren 2022 kom familjer och ensamstående vuxna som flytt kriget i Ukraina "
            "till Härnösand. De hade tillfälligt skydd enligt EU:s massflyktsdirektiv och "
            "omfattades därför inte av etableringsprogrammet. Behoven var akuta: kläder, mat "
            "och besked om allt från bankkonto till skolplats.</p>"
            "<p>Frivilliga öppnade snabbt en mötesplats, men när det stod klart att många "
            "skulle stanna länge blev ansvaret för tungt att bära ideellt.</p>"
        ),
        "what_was_done": (
            "<p>Kommunen tog över Lokalen från de frivilliga och bemannade den med egen "
            "personal. Mötesplatsen erbjöd</p>"
            "<ul><li>kläder och mat under de första veckorna,</li>"
            "<li>svar på frågor om samhället, till exempel vård, skola, bostad och arbete,</li>"
            "<li>personligt stöd för den som behövde hjälp att fylla i blanketter eller boka "
            "besök.</li></ul>"
            "<p>Arbetsförmedlingen, Migrationsverket och kommunens egna verksamheter fanns i "
            "grannhusen. Besökarna kunde därför följas till rätt handläggare samma dag, i "
            "stället för att skickas vidare från disk till disk.</p>"
        ),
        "results": (
            "<p>Sammanlagt 75 personer togs emot. I dag har alla vuxna ett arbete och alla barn "
            "går i skolan.</p>"
            "<p>När de akuta behoven minskade ersattes Lokalen av ett språkcafé och en drop-in, "
            "där den personliga kontakten finns kvar.</p>"
        ),
        "key_figures": [
            key_figure("75", "personer togs emot"),
            key_figure("Alla", "vuxna har i dag arbete"),
            key_figure("Alla", "barn går i skolan"),
            key_figure("3", "myndigheter i angränsande hus"),
        ],
        "lessons_learned": (
            "<p>Den lilla skalan var en styrka. Personalen lärde känna varje besökare och kunde "
            "ge stöd utifrån personens egen situation.</p>"
            "<p>Eftersom myndigheterna låg vägg i vägg behövde ingen skickas runt. En fråga som "
            "började i Lokalen kunde få sitt svar hos Arbetsförmedlingen eller Migrationsverket "
            "samma eftermiddag.</p>"
            "<p>Det var också viktigt att kommunen tog över i tid, innan de frivilliga blev "
            "utslitna.</p>"
        ),
        "what_did_not_work": (
            "<p>De första veckorna saknades en tydlig överenskommelse med de frivilliga om vem "
            "som ansvarade för vad, och samma frågor besvarades ibland två gånger. Skänkta "
            "kläder kom i större mängd än det fanns plats för, så en del fick lämnas vidare till "
            "andra organisationer.</p>"
        ),
        "transferability": (
            "<p>Modellen förutsätter att de viktigaste myndigheterna finns nära varandra, eller "
            "att de kan ha gemensamma tider på samma plats. Det behövs en lokal som kan öppnas "
            "snabbt och en kommun som är beredd att ta över ansvaret från civilsamhället när "
            "behoven blir långvariga.</p>"
        ),
        "resources_needed": (
            "<p>En centralt belägen lokal, personal under öppettiderna, en mindre budget för "
            "mat och förbrukningsmaterial samt tid för samordning med Arbetsförmedlingen och "
            "Migrationsverket.</p>"
        ),
        "scale_notes": (
            "<p>I en större kommun är det svårare att känna varje besökare, och myndigheterna "
            "ligger sällan vägg i vägg. Där kan flera mindre mötesplatser i olika stadsdelar, "
            "med fasta tider för myndigheterna, ge samma effekt. I en mindre kommun räcker det "
            "ofta med några timmar i veckan.</p>"
        ),
        "body": [
            heading("Från frivilliga till kommunen"),
            paragraph(
                "<p>Lokalen började som ett initiativ av frivilliga som samlade in kläder och "
                "ordnade mat. När kommunen tog över fanns platsen och mycket av engagemanget "
                "kvar, men kommunen fick ansvaret för bemanning, öppettider och kontakterna med "
                "myndigheterna.</p>"
            ),
            quote(
                "Vi kunde följa varje familj hela vägen, från den första frågan om mat till "
                "den första lönen.",
                role="medarbetare på Lokalen",
            ),
            heading("Myndigheter i grannhusen", "h3"),
            paragraph(
                "<p>Eftersom Arbetsförmedlingen, Migrationsverket och kommunen fanns i "
                "angränsande byggnader kunde personalen gå med besökaren till rätt handläggare. "
                "Det sparade tid för alla och minskade risken att någon hamnade mellan "
                "stolarna.</p>"
            ),
            fact_box(
                "Lokalen i korthet",
                "<ul><li>Öppnade: våren 2022</li>"
                "<li>Drevs av: Härnösands kommun, efter en start av frivilliga</li>"
                "<li>Ersattes av: ett språkcafé och en drop-in</li></ul>",
            ),
        ],
        "funding": [
            funding("municipal", "Kommunens integrationsarbete, inom ordinarie budget"),
            funding("volunteer", "Frivilliga startade och drev Lokalen de första veckorna"),
        ],
        "partners": [
            partner("Arbetsförmedlingen", "authority", "I grannhuset: arbete och etablering"),
            partner(
                "Migrationsverket", "authority", "I grannhuset: tillfälligt skydd och ersättning"
            ),
            partner("Frivilliga i Härnösand", "association", "Startade Lokalen och fanns kvar"),
        ],
    },
    "en": {
        "slug": "lokalen-meeting-place",
        "title": "Lokalen – a meeting place for people fleeing Ukraine",
        "summary": (
            "When people fled the war in Ukraine in 2022, Härnösand took over the meeting place "
            "Lokalen from volunteers. It offered clothes, food and answers to questions about "
            "Swedish society. Of the 75 people received, all the adults are now in work and "
            "all the children are in school."
        ),
        "tags": ["Ukraine", "temporary protection", "meeting place"],
        "challenge": (
            "<p>In the spring of 2022, families and single adults who had fled the war in "
            "Ukraine arrived in Härnösand. They held temporary protection under the EU Temporary "
            "Protection Directive and were therefore not covered by the Swedish introduction "
            "programme. Their needs were urgent: clothes, food and answers about everything "
            "from bank accounts to school places.</p>"
            "<p>Volunteers quickly opened a meeting place, but once it was clear that many "
            "people would stay for a long time, the responsibility became too heavy to carry "
            "on a voluntary basis.</p>"
        ),
        "what_was_done": (
            "<p>The municipality took over Lokalen from the volunteers and staffed it with its "
            "own employees. The meeting place offered</p>"
            "<ul><li>clothes and food during the first weeks,</li>"
            "<li>answers to questions about Swedish society, such as health care, school, "
            "housing and work,</li>"
            "<li>one-to-one support for anyone who needed help to fill in forms or book "
            "appointments.</li></ul>"
            "<p>The Public Employment Service (Arbetsförmedlingen), the Migration Agency "
            "(Migrationsverket) and the municipality's own services were in the neighbouring "
            "buildings. Visitors could therefore be taken to the right officer the same day, "
            "instead of being referred from one desk to the next.</p>"
        ),
        "results": (
            "<p>In total, 75 people were received. Today all the adults have a job and all the "
            "children go to school.</p>"
            "<p>As the urgent needs receded, Lokalen was replaced by a language café and a "
            "drop-in service that keep the personal contact.</p>"
        ),
        "key_figures": [
            key_figure("75", "people received"),
            key_figure("All", "adults are now in work"),
            key_figure("All", "children are in school"),
            key_figure("3", "authorities in neighbouring buildings"),
        ],
        "lessons_learned": (
            "<p>The small scale was a strength. Staff got to know every visitor and could "
            "offer support based on each person's own situation.</p>"
            "<p>Because the authorities were next door to each other, nobody had to be sent "
            "around. A question that started at Lokalen could be answered at "
            "Arbetsförmedlingen or Migrationsverket the same afternoon.</p>"
            "<p>It also mattered that the municipality took over in time, before the "
            "volunteers were worn out.</p>"
        ),
        "what_did_not_work": (
            "<p>In the first weeks there was no clear agreement with the volunteers about who "
            "was responsible for what, and the same questions were sometimes answered twice. "
            "Donated clothes arrived in greater quantities than there was room for, so some had "
            "to be passed on to other organisations.</p>"
        ),
        "transferability": (
            "<p>The model requires the key authorities to be close to one another, or able to "
            "hold joint hours in the same place. It needs premises that can be opened quickly, "
            "and a municipality willing to take over responsibility from civil society once the "
            "needs become long-term.</p>"
        ),
        "resources_needed": (
            "<p>Centrally located premises, staff during opening hours, a small budget for food "
            "and supplies, and time for coordination with Arbetsförmedlingen and "
            "Migrationsverket.</p>"
        ),
        "scale_notes": (
            "<p>In a larger municipality it is harder to know every visitor, and the "
            "authorities are rarely next door to each other. There, several smaller meeting "
            "places in different districts, with fixed hours for the authorities, can have the "
            "same effect. In a smaller municipality a few hours a week is often enough.</p>"
        ),
        "body": [
            heading("From volunteers to the municipality"),
            paragraph(
                "<p>Lokalen began as an initiative by volunteers who collected clothes and "
                "organised food. When the municipality took over, the premises and much of the "
                "commitment remained, but the municipality became responsible for staffing, "
                "opening hours and contact with the authorities.</p>"
            ),
            quote(
                "We could follow every family all the way, from the first question about food "
                "to the first pay cheque.",
                role="member of staff at Lokalen",
            ),
            heading("Authorities next door", "h3"),
            paragraph(
                "<p>Because Arbetsförmedlingen, Migrationsverket and the municipality were in "
                "adjoining buildings, staff could walk visitors over to the right officer. It "
                "saved everyone time and reduced the risk of anyone falling through the "
                "cracks.</p>"
            ),
            fact_box(
                "Lokalen at a glance",
                "<ul><li>Opened: spring 2022</li>"
                "<li>Run by: Härnösand Municipality, after volunteers started it</li>"
                "<li>Replaced by: a language café and a drop-in service</li></ul>",
            ),
        ],
        "funding": [
            funding("municipal", "The municipality's integration work, within the regular budget"),
            funding("volunteer", "Volunteers started and ran Lokalen during the first weeks"),
        ],
        "partners": [
            partner("Arbetsförmedlingen", "authority", "Next door: jobs and introduction"),
            partner(
                "Migrationsverket", "authority", "Next door: temporary protection and allowances"
            ),
            partner("Volunteers in Härnösand", "association", "Started Lokalen and stayed on"),
        ],
    },
}

SPRAKCAFE = {
    "municipality": "harnosand",
    "adapted_from": "lokalen",
    "shared": {
        "image": "sprakcafe",
        "status": PracticeStatus.REGULAR,
        "start_date": date(2024, 1, 15),
        "end_date": None,
        "evidence_level": EvidenceLevel.NOT_EVALUATED,
        "verified_days_ago": 10,
        "target_groups": ["nyanlanda-vuxna", "personer-med-tillfalligt-skydd"],
        "approaches": ["sprakcafe", "motesplats", "samhallsinformation"],
    },
    "sv": {
        "slug": "sprakcafe-och-drop-in",
        "title": "Språkcafé och drop-in i Härnösand",
        "summary": (
            "Språkcaféet och drop-in-mottagningen tog över efter mötesplatsen Lokalen. Här kan "
            "nyanlända öva svenska i vardagliga samtal och få hjälp med frågor om samhället, "
            "utan att boka tid."
        ),
        "tags": ["språkcafé", "svenska"],
        "challenge": (
            "<p>När de akuta behoven efter flykten från Ukraina minskade behövdes inte längre "
            "kläder och mat på samma sätt. Frågorna om samhället fanns däremot kvar, och många "
            "ville öva svenska utanför undervisningen.</p>"
        ),
        "what_was_done": (
            "<p>Lokalen ersattes av två enklare verksamheter med fasta tider:</p>"
            "<ul><li>ett språkcafé där nyanlända och frivilliga samtalar på svenska om "
            "vardagliga ämnen,</li>"
            "<li>en drop-in där kommunens personal svarar på frågor om allt från blanketter "
            "till fritidsaktiviteter.</li></ul>"
        ),
        "results": (
            "<p>Verksamheten är nu en del av kommunens ordinarie arbete. Den har ännu inte "
            "utvärderats, men besökarna kommer tillbaka och tar med sig nya deltagare.</p>"
        ),
        "key_figures": [
            key_figure("2", "verksamheter: språkcafé och drop-in"),
            key_figure("0", "tidsbokningar behövs"),
        ],
        "lessons_learned": (
            "<p>Det som fungerade bäst i Lokalen var den personliga kontakten, och den gick att "
            "behålla även när verksamheten blev mindre.</p>"
        ),
        "what_did_not_work": (
            "<p>I början krockade språkcaféets tider med många deltagares arbete och "
            "undervisning i svenska för invandrare (sfi). Träffarna flyttades därför till sen "
            "eftermiddag.</p>"
        ),
        "transferability": (
            "<p>Passar kommuner som vill ha en låg tröskel för kontakt men inte behöver en "
            "fullt bemannad mötesplats. Det krävs frivilliga samtalsledare och en person från "
            "kommunen som håller ihop verksamheten.</p>"
        ),
        "resources_needed": (
            "<p>En lokal några timmar i veckan, fika, en samordnare på del av tjänst och "
            "frivilliga samtalsledare.</p>"
        ),
        "scale_notes": (
            "<p>Modellen är liten och går att starta nästan var som helst. I en större kommun "
            "kan flera språkcaféer drivas av bibliotek eller studieförbund, med kommunens "
            "drop-in på en central plats.</p>"
        ),
        "adaptation_notes": (
            "<p>Lokalen byggdes för ett akut läge. I språkcaféet och drop-in behölls det som "
            "fungerade bäst – den personliga kontakten och svaren på frågor om samhället – "
            "medan utdelningen av kläder och mat avvecklades. Samtal på svenska lades till, "
            "eftersom det var vad besökarna efterfrågade mest.</p>"
        ),
        "body": [
            heading("En eftermiddag på språkcaféet"),
            paragraph(
                "<p>Deltagarna sitter i små grupper med en frivillig samtalsledare. Ämnena är "
                "vardagliga: väder, mat, barnens skola, en nyhet från veckan. Vid bordet "
                "bredvid svarar kommunens personal på frågor för den som vill.</p>"
            ),
            quote("Här vågar jag prata, även när jag säger fel.", role="deltagare i språkcaféet"),
            fact_box(
                "Så fungerar det",
                "<ul><li>Språkcafé och drop-in vid samma tillfälle</li>"
                "<li>Ingen anmälan eller tidsbokning</li>"
                "<li>Frivilliga samtalsledare, samordnade av kommunen</li></ul>",
            ),
        ],
        "funding": [
            funding("municipal", "Kommunens ordinarie budget för integration"),
            funding("volunteer", "Frivilliga samtalsledare"),
        ],
        "partners": [
            partner("Frivilliga samtalsledare", "association", "Leder samtalen i språkcaféet"),
        ],
    },
    "en": {
        "slug": "language-cafe-and-drop-in",
        "title": "Language café and drop-in in Härnösand",
        "summary": (
            "The language café and drop-in service took over from the meeting place Lokalen. "
            "Newcomers can practise Swedish in everyday conversation and get help with "
            "questions about society, without booking an appointment."
        ),
        "tags": ["language café", "Swedish language"],
        "challenge": (
            "<p>As the urgent needs after the flight from Ukraine receded, clothes and food "
            "were no longer needed in the same way. The questions about society remained, "
            "however, and many people wanted to practise Swedish outside the classroom.</p>"
        ),
        "what_was_done": (
            "<p>Lokalen was replaced by two simpler activities with fixed hours:</p>"
            "<ul><li>a language café where newcomers and volunteers talk in Swedish about "
            "everyday topics,</li>"
            "<li>a drop-in service where municipal staff answer questions about anything from "
            "forms to leisure activities.</li></ul>"
        ),
        "results": (
            "<p>The activities are now part of the municipality's regular work. They have not "
            "yet been evaluated, but visitors come back and bring new participants with "
            "them.</p>"
        ),
        "key_figures": [
            key_figure("2", "services: language café and drop-in"),
            key_figure("0", "appointments needed"),
        ],
        "lessons_learned": (
            "<p>What worked best at Lokalen was the personal contact, and it could be kept even "
            "when the activity became smaller.</p>"
        ),
        "what_did_not_work": (
            "<p>At first, the language café clashed with many participants' jobs and their "
            "Swedish for Immigrants (SFI) classes. The sessions were therefore moved to late "
            "afternoon.</p>"
        ),
        "transferability": (
            "<p>Suits municipalities that want a low threshold for contact but do not need a "
            "fully staffed meeting place. It requires volunteer conversation leaders and "
            "someone at the municipality to hold it all together.</p>"
        ),
        "resources_needed": (
            "<p>Premises for a few hours a week, coffee and buns, a part-time coordinator and "
            "volunteer conversation leaders.</p>"
        ),
        "scale_notes": (
            "<p>The model is small and can be started almost anywhere. In a larger "
            "municipality, several language cafés can be run by libraries or adult education "
            "associations, with the municipality's drop-in in a central location.</p>"
        ),
        "adaptation_notes": (
            "<p>Lokalen was built for an emergency. The language café and drop-in kept what "
            "worked best – the personal contact and answers to questions about society – while "
            "handing out clothes and food was phased out. Conversation in Swedish was added, "
            "because that was what visitors asked for most.</p>"
        ),
        "body": [
            heading("An afternoon at the language café"),
            paragraph(
                "<p>Participants sit in small groups with a volunteer conversation leader. The "
                "topics are everyday ones: the weather, food, the children's school, something "
                "in the news. At the next table, municipal staff answer questions for anyone "
                "who wants to ask.</p>"
            ),
            quote(
                "Here I dare to speak, even when I get it wrong.",
                role="language café participant",
            ),
            fact_box(
                "How it works",
                "<ul><li>Language café and drop-in at the same session</li>"
                "<li>No registration or appointment</li>"
                "<li>Volunteer conversation leaders, coordinated by the municipality</li></ul>",
            ),
        ],
        "funding": [
            funding("municipal", "The municipality's regular integration budget"),
            funding("volunteer", "Volunteer conversation leaders"),
        ],
        "partners": [
            partner(
                "Volunteer conversation leaders", "association", "Lead the language café talks"
            ),
        ],
    },
}

BYARNA = {
    "municipality": "ornskoldsvik",
    "shared": {
        "image": "ornskoldsvik",
        "status": PracticeStatus.REGULAR,
        "start_date": date(2012, 1, 1),
        "end_date": None,
        "evidence_level": EvidenceLevel.INTERNAL,
        # Deliberately more than a year ago, so the demo shows an overdue verification.
        "verified_days_ago": 400,
        "target_groups": ["nyanlanda-vuxna", "asylsokande", "familjer"],
        "approaches": ["motesplats", "civilsamhalle-och-volontarer", "tidiga-insatser"],
    },
    "sv": {
        "slug": "mangkulturella-centrum-i-byarna",
        "title": "Mångkulturella centrum i byarna",
        "summary": (
            "På landsbygden i Örnsköldsvik växte lokala mångkulturella centrum fram 2012–2014, "
            "förankrade i byarnas föreningar och företag. Genom dörrknackning, internationella "
            "middagar och caféer möttes nya och gamla invånare. I dag drivs centrumen av "
            "frivilliga."
        ),
        "tags": ["landsbygd", "byar", "brobyggare"],
        "challenge": (
            "<p>Många nyanlända och asylsökande bodde i små orter långt från centralorten, där "
            "det mesta av kommunens service och aktiviteter fanns. Samtidigt hade byarna egna "
            "styrkor: aktiva föreningar, lokala företag och grannar som ville hjälpa till men "
            "sällan träffade de nya invånarna.</p>"
        ),
        "what_was_done": (
            "<p>Mellan 2012 och 2014 anställdes delprojektledare som var förankrade i byarnas "
            "föreningsliv och näringsliv. De knackade dörr hos nya och gamla invånare, bjöd in "
            "till internationella middagar och caféer och byggde upp lokala mångkulturella "
            "centrum i byarna.</p>"
            "<p>År 2013 startade ett asylprojekt som</p>"
            "<ul><li>kartlade vilka förutsättningar varje by hade för att ta emot "
            "asylsökande,</li>"
            "<li>utsåg brobyggare som kunde förklara och förmedla mellan nya och gamla "
            "invånare,</li>"
            "<li>höll regelbundna nätverksträffar mellan byarna,</li>"
            "<li>ordnade mötesrum med wifi och datorer, där asylsökande kunde hålla kontakt med "
            "familj, myndigheter och skola.</li></ul>"
        ),
        "results": (
            "<p>Centrumen blev naturliga mötesplatser i byarna, och kontakterna mellan nya och "
            "gamla invånare blev fler. När projekttiden tog slut fortsatte verksamheten, och i "
            "dag drivs centrumen av frivilliga.</p>"
        ),
        "key_figures": [
            key_figure("2012–2014", "lokala delprojektledare i byarna"),
            key_figure("2013", "kartlade asylprojektet byarnas förutsättningar"),
            key_figure("Ideellt", "drivs centrumen i dag"),
        ],
        "lessons_learned": (
            "<p>Förankringen i byarnas egna föreningar och företag var avgörande. "
            "Delprojektledarna var redan kända i byn, vilket gjorde det lättare att knacka dörr "
            "och bjuda in.</p>"
            "<p>Brobyggarna blev en länk som både nya och gamla invånare litade på. Enkla saker "
            "som wifi och en dator i ett mötesrum betydde mycket för den som väntade på besked "
            "i sitt asylärende.</p>"
        ),
        "what_did_not_work": (
            "<p>När projektmedlen tog slut försvann de avlönade delprojektledarna, och i några "
            "byar tappade verksamheten fart innan frivilliga hunnit ta över. Det hade behövts "
            "en tydligare plan för överlämningen redan från början.</p>"
        ),
        "transferability": (
            "<p>Passar kommuner med många små orter och ett aktivt föreningsliv. Avgörande är "
            "att de som leder arbetet är kända och betrodda i byn, och att det finns en lokal "
            "som kan hållas öppen.</p>"
        ),
        "resources_needed": (
            "<p>Delprojektledare på deltid under uppbyggnaden, en mindre summa till middagar "
            "och fika, utrustning till mötesrummen (wifi och datorer) och stöd till de "
            "frivilliga när de tar över.</p>"
        ),
        "scale_notes": (
            "<p>Arbetssättet är byggt för glesbygd. I en stad motsvaras byn av ett "
            "bostadsområde, och samma idé – lokala ledare, dörrknackning och gemensamma "
            "måltider – går att använda där.</p>"
        ),
        "body": [
            heading("Dörrknackning och internationella middagar"),
            paragraph(
                "<p>Delprojektledarna började med att knacka dörr, både hos dem som nyss "
                "flyttat in och hos dem som bott i byn i generationer. Inbjudan gällde en "
                "middag eller ett café där alla tog med sig något att bjuda på.</p>"
            ),
            image(
                "ornskoldsvik-middag",
                "Illustration: tallrikar kring ett långt bord, som vid en internationell "
                "middag i byn.",
            ),
            quote(
                "Vi bjöd in till middag, och hela byn kom – även de som aldrig hade satt sin "
                "fot i bygdegården förut.",
                role="delprojektledare",
            ),
            heading("Asylprojektet 2013"),
            paragraph(
                "<p>Asylprojektet började med att kartlägga varje bys förutsättningar: "
                "lokaler, föreningar, kommunikationer och vilka som kunde tänka sig att "
                "engagera sig.</p>"
            ),
            heading("Brobyggare och mötesrum", "h3"),
            paragraph(
                "<p>Brobyggarna förklarade och förmedlade mellan nya och gamla invånare, och "
                "nätverksträffarna gav byarna möjlighet att lära av varandra. I mötesrummen "
                "fanns wifi och datorer för den som behövde hålla kontakt med familj och "
                "myndigheter.</p>"
            ),
            fact_box(
                "Centrumen i korthet",
                "<ul><li>Uppbyggnad: 2012–2014 med lokala delprojektledare</li>"
                "<li>Asylprojekt: 2013</li>"
                "<li>I dag: drivs av frivilliga</li></ul>",
            ),
        ],
        "funding": [
            funding("municipal", "Delprojektledare i byarna 2012–2014"),
            funding("volunteer", "Frivilliga driver centrumen i dag"),
        ],
        "partners": [
            partner("Byarnas föreningar", "association", "Lokal förankring och lokaler"),
            partner("Lokala företag", "company", "Förankring i det lokala näringslivet"),
        ],
    },
    "en": {
        "slug": "multicultural-centres-in-the-villages",
        "title": "Multicultural centres in the villages",
        "summary": (
            "In the rural villages of Örnsköldsvik, local multicultural centres grew up between "
            "2012 and 2014, rooted in the villages' associations and businesses. Door-knocking, "
            "international dinners and cafés brought new and long-standing residents together. "
            "Today the centres are run by volunteers."
        ),
        "tags": ["rural areas", "villages", "bridge-builders"],
        "challenge": (
            "<p>Many newcomers and asylum seekers lived in small villages far from the main "
            "town, where most municipal services and activities were. At the same time, the "
            "villages had strengths of their own: active associations, local businesses and "
            "neighbours who wanted to help but rarely met the new residents.</p>"
        ),
        "what_was_done": (
            "<p>Between 2012 and 2014 the municipality employed sub-project leaders who were "
            "rooted in the villages' associations and local businesses. They knocked on the "
            "doors of new and long-standing residents, hosted international dinners and cafés, "
            "and built up local multicultural centres in the villages.</p>"
            "<p>In 2013 an asylum project was launched that</p>"
            "<ul><li>surveyed each village's capacity to receive asylum seekers,</li>"
            "<li>appointed bridge-builders who could explain and mediate between new and "
            "long-standing residents,</li>"
            "<li>held regular network meetings between the villages,</li>"
            "<li>set up meeting rooms with wi-fi and computers, where asylum seekers could keep "
            "in touch with family, authorities and school.</li></ul>"
        ),
        "results": (
            "<p>The centres became natural meeting places in the villages, and contact between "
            "new and long-standing residents increased. When the project period ended the "
            "activities continued, and today the centres are run by volunteers.</p>"
        ),
        "key_figures": [
            key_figure("2012–2014", "local sub-project leaders in the villages"),
            key_figure("2013", "the asylum project surveyed the villages"),
            key_figure("Volunteer-run", "centres today"),
        ],
        "lessons_learned": (
            "<p>Being rooted in the villages' own associations and businesses was decisive. "
            "The sub-project leaders were already known locally, which made it easier to knock "
            "on doors and invite people.</p>"
            "<p>The bridge-builders became a link that both new and long-standing residents "
            "trusted. Simple things like wi-fi and a computer in a meeting room meant a lot to "
            "people waiting for a decision on their asylum application.</p>"
        ),
        "what_did_not_work": (
            "<p>When the project funding ran out, the paid sub-project leaders left, and in "
            "some villages the activities lost momentum before volunteers had time to take "
            "over. A clearer plan for the handover was needed from the start.</p>"
        ),
        "transferability": (
            "<p>Suits municipalities with many small villages and an active associational "
            "life. What matters most is that the people leading the work are known and trusted "
            "locally, and that there are premises that can be kept open.</p>"
        ),
        "resources_needed": (
            "<p>Part-time sub-project leaders during the build-up, a small budget for dinners "
            "and coffee, equipment for the meeting rooms (wi-fi and computers), and support for "
            "the volunteers when they take over.</p>"
        ),
        "scale_notes": (
            "<p>The approach was built for sparsely populated areas. In a city, a residential "
            "neighbourhood plays the part of the village, and the same idea – local leaders, "
            "door-knocking and shared meals – can be used there.</p>"
        ),
        "body": [
            heading("Door-knocking and international dinners"),
            paragraph(
                "<p>The sub-project leaders started by knocking on doors, both of people who "
                "had just moved in and of families who had lived in the village for "
                "generations. The invitation was to a dinner or a café where everyone brought "
                "something to share.</p>"
            ),
            image(
                "ornskoldsvik-middag",
                "Illustration: plates around a long table, as at an international dinner in "
                "the village.",
            ),
            quote(
                "We invited people to dinner and the whole village came – even those who had "
                "never set foot in the village hall before.",
                role="sub-project leader",
            ),
            heading("The 2013 asylum project"),
            paragraph(
                "<p>The asylum project began by surveying each village's conditions: premises, "
                "associations, transport and who might be willing to get involved.</p>"
            ),
            heading("Bridge-builders and meeting rooms", "h3"),
            paragraph(
                "<p>The bridge-builders explained and mediated between new and long-standing "
                "residents, and the network meetings let the villages learn from each other. "
                "The meeting rooms had wi-fi and computers for anyone who needed to keep in "
                "touch with family and authorities.</p>"
            ),
            fact_box(
                "The centres at a glance",
                "<ul><li>Build-up: 2012–2014 with local sub-project leaders</li>"
                "<li>Asylum project: 2013</li>"
                "<li>Today: run by volunteers</li></ul>",
            ),
        ],
        "funding": [
            funding("municipal", "Sub-project leaders in the villages, 2012–2014"),
            funding("volunteer", "Volunteers run the centres today"),
        ],
        "partners": [
            partner("Village associations", "association", "Local roots and premises"),
            partner("Local businesses", "company", "Links with the local economy"),
        ],
    },
}

NATVERKET = {
    "municipality": "soderhamn",
    "shared": {
        "image": "soderhamn",
        "status": PracticeStatus.REGULAR,
        "start_date": date(2017, 1, 1),
        "end_date": None,
        "evidence_level": EvidenceLevel.INTERNAL,
        "verified_days_ago": 60,
        "target_groups": ["nyanlanda-vuxna", "familjer"],
        "approaches": ["samverkan-mellan-myndigheter", "kompetensutveckling-for-personal"],
    },
    "sv": {
        "slug": "integrationsnatverk",
        "title": "Ett integrationsnätverk för hela kommunen",
        "summary": (
            "Sedan 2017 träffas Söderhamns kommunala integrationsnätverk varje månad. Där finns "
            "representanter för alla förvaltningar och för bolagen Faxeholmen och Söderhamn "
            "Nära. Nätverket samordnar arbetet, ordnar interkulturell utbildning för personalen "
            "och håller koll på vad andra kommuner gör."
        ),
        "tags": ["nätverk", "interkulturell kompetens", "omvärldsbevakning"],
        "challenge": (
            "<p>Integration berör nästan alla kommunens verksamheter: skola, socialtjänst, "
            "arbetsmarknad, fritid, boende och kultur. Utan en gemensam arena visste "
            "förvaltningarna ofta inte vad de andra gjorde, och nyanlända kunde få olika besked "
            "beroende på vem de frågade.</p>"
        ),
        "what_was_done": (
            "<p>Kommunen bildade ett integrationsnätverk med en representant från varje "
            "förvaltning och från de kommunala bolagen Faxeholmen och Söderhamn Nära. Nätverket "
            "har träffats en gång i månaden sedan 2017. På mötena</p>"
            "<ul><li>delar medlemmarna information om aktuella behov och insatser,</li>"
            "<li>planeras interkulturell utbildning för kommunens personal,</li>"
            "<li>tittar nätverket på hur andra kommuner arbetar, till exempel Västerås och "
            "mötesplatsen Kollage, för att hämta idéer.</li></ul>"
        ),
        "results": (
            "<p>Förvaltningarna känner till varandras insatser och kan hänvisa rätt. Fler "
            "medarbetare har gått interkulturell utbildning, och idéer från andra kommuner kan "
            "prövas snabbare eftersom alla berörda redan sitter vid samma bord.</p>"
        ),
        "key_figures": [
            key_figure("2017", "startade de månatliga träffarna"),
            key_figure("12", "träffar om året"),
            key_figure("Alla", "förvaltningar är med"),
        ],
        "lessons_learned": (
            "<p>Regelbundenheten är viktigare än formen. Att träffas varje månad, även när "
            "inget akut står på dagordningen, bygger de relationer som behövs när något väl "
            "händer.</p>"
            "<p>Att bolagen är med gör skillnad, eftersom bostaden och den kommunala servicen "
            "ofta är det första nyanlända möter.</p>"
        ),
        "what_did_not_work": (
            "<p>När representanter byttes ut tappade nätverket ibland kunskap. Det saknades en "
            "enkel introduktion för nya medlemmar, och minnesanteckningarna var för knapphändiga "
            "för att den som missat ett möte skulle kunna hänga med.</p>"
        ),
        "transferability": (
            "<p>Kräver ett tydligt uppdrag från kommunledningen, så att förvaltningarna avsätter "
            "tid för att delta. En samordnare behöver hålla i kallelser, dagordning och "
            "uppföljning.</p>"
        ),
        "resources_needed": (
            "<p>Några timmar i månaden per representant, en samordnare på del av tjänst och en "
            "budget för interkulturell utbildning.</p>"
        ),
        "scale_notes": (
            "<p>I en mindre kommun kan nätverket bestå av några få personer och slås ihop med "
            "andra samverkansforum. I en större kommun kan det behövas ett nätverk per "
            "stadsdel, med ett gemensamt nätverk som samordnar dem.</p>"
        ),
        "body": [
            heading("En träff i månaden"),
            paragraph(
                "<p>Träffarna följer en enkel dagordning: läget i varje förvaltning och bolag, "
                "frågor som nyanlända och personal har lyft, och en punkt om vad andra kommuner "
                "gör. Att titta närmare på Västerås och mötesplatsen Kollage är ett exempel på "
                "hur nätverket hämtar idéer utifrån.</p>"
            ),
            quote(
                "Förr fick vi veta vad de andra förvaltningarna gjorde när något redan hade gått "
                "snett. Nu vet vi det i förväg.",
                role="medlem i integrationsnätverket",
            ),
            heading("Interkulturell utbildning"),
            paragraph(
                "<p>Nätverket planerar utbildning i interkulturellt arbete för medarbetare i "
                "hela kommunen, så att fler har samma grund när de möter nyanlända.</p>"
            ),
            fact_box(
                "Nätverkets medlemmar",
                "<ul><li>En representant från varje förvaltning</li>"
                "<li>Faxeholmen AB</li><li>Söderhamn Nära AB</li></ul>",
            ),
        ],
        "funding": [funding("municipal", "Inom förvaltningarnas ordinarie budget")],
        "partners": [
            partner("Faxeholmen AB", "company", "Kommunens bostadsbolag, medlem i nätverket"),
            partner("Söderhamn Nära AB", "company", "Kommunalt bolag, medlem i nätverket"),
        ],
    },
    "en": {
        "slug": "integration-network",
        "title": "An integration network for the whole municipality",
        "summary": (
            "Since 2017, Söderhamn's municipal integration network has met every month. It "
            "brings together representatives of every department and of the municipal "
            "companies Faxeholmen and Söderhamn Nära. The network coordinates the work, "
            "organises intercultural training for staff and keeps an eye on other "
            "municipalities."
        ),
        "tags": ["network", "intercultural competence", "horizon scanning"],
        "challenge": (
            "<p>Integration touches almost every municipal service: schools, social services, "
            "employment, leisure, housing and culture. Without a shared forum, departments "
            "often did not know what the others were doing, and newcomers could get different "
            "answers depending on whom they asked.</p>"
        ),
        "what_was_done": (
            "<p>The municipality formed an integration network with one representative from "
            "every department and from the municipal companies Faxeholmen and Söderhamn Nära. "
            "The network has met once a month since 2017. At the meetings</p>"
            "<ul><li>members share information about current needs and activities,</li>"
            "<li>intercultural training for municipal staff is planned,</li>"
            "<li>the network looks at how other municipalities work – for example Västerås and "
            "its meeting place Kollage – to pick up ideas.</li></ul>"
        ),
        "results": (
            "<p>Departments know about each other's work and can point people in the right "
            "direction. More staff have taken intercultural training, and ideas from other "
            "municipalities can be tried out faster because everyone concerned is already at "
            "the same table.</p>"
        ),
        "key_figures": [
            key_figure("2017", "monthly meetings began"),
            key_figure("12", "meetings a year"),
            key_figure("All", "departments take part"),
        ],
        "lessons_learned": (
            "<p>Regularity matters more than format. Meeting every month, even when nothing "
            "urgent is on the agenda, builds the relationships that are needed when something "
            "does happen.</p>"
            "<p>Having the municipal companies on board makes a difference, as housing and "
            "local services are often the first things newcomers encounter.</p>"
        ),
        "what_did_not_work": (
            "<p>When representatives changed, the network sometimes lost knowledge. There was "
            "no simple introduction for new members, and the notes were too brief for someone "
            "who had missed a meeting to catch up.</p>"
        ),
        "transferability": (
            "<p>Requires a clear mandate from the municipality's leadership, so that "
            "departments set aside time to take part. A coordinator needs to handle "
            "invitations, agendas and follow-up.</p>"
        ),
        "resources_needed": (
            "<p>A few hours a month per representative, a part-time coordinator and a budget "
            "for intercultural training.</p>"
        ),
        "scale_notes": (
            "<p>In a smaller municipality the network can be just a few people and be merged "
            "with other coordination forums. A larger municipality may need a network for each "
            "district, with a shared network to coordinate them.</p>"
        ),
        "body": [
            heading("One meeting a month"),
            paragraph(
                "<p>The meetings follow a simple agenda: the situation in each department and "
                "company, issues raised by newcomers and staff, and an item on what other "
                "municipalities are doing. Looking at Västerås and its meeting place Kollage is "
                "one example of how the network picks up ideas from elsewhere.</p>"
            ),
            quote(
                "We used to find out what the other departments were doing when something had "
                "already gone wrong. Now we know in advance.",
                role="member of the integration network",
            ),
            heading("Intercultural training"),
            paragraph(
                "<p>The network plans training in intercultural work for staff across the "
                "municipality, so that more people share the same foundation when they meet "
                "newcomers.</p>"
            ),
            fact_box(
                "Members of the network",
                "<ul><li>One representative from every department</li>"
                "<li>Faxeholmen AB</li><li>Söderhamn Nära AB</li></ul>",
            ),
        ],
        "funding": [funding("municipal", "Within the departments' regular budgets")],
        "partners": [
            partner("Faxeholmen AB", "company", "Municipal housing company, network member"),
            partner("Söderhamn Nära AB", "company", "Municipal company, network member"),
        ],
    },
}

HALLAND = {
    "municipality": "hylte",
    "shared": {
        "image": "halland",
        "status": PracticeStatus.ENDED,
        "start_date": date(2015, 1, 1),
        "end_date": date(2017, 12, 31),
        "evidence_level": EvidenceLevel.EXTERNAL,
        "verified_days_ago": 200,
        "target_groups": ["nyanlanda-vuxna", "familjer", "barn-och-unga"],
        "approaches": [
            "samverkan-mellan-myndigheter",
            "tidiga-insatser",
            "mentorskap",
            "halsa",
            "kompetensutveckling-for-personal",
        ],
    },
    "sv": {
        "slug": "integration-halland",
        "title": "Integration Halland – gemensamt lärande för sex kommuner",
        "summary": (
            "I det ESF-finansierade projektet Integration Halland byggde sex halländska kommuner "
            "under tre år en gemensam plattform för lärande. Efter en analysfas genomfördes från "
            "2016 bland annat tidiga insatser, mentorskap och hälsoprofiler. Hylte, som tog emot "
            "flest flyktingar i förhållande till folkmängden 2013–2014, var en av kommunerna."
        ),
        "tags": ["ESF", "Halland", "hälsoprofiler"],
        "challenge": (
            "<p>Kommunerna i Halland tog emot många nyanlända på kort tid. Hylte, som utsågs "
            "till årets integrationskommun 2010, tog 2013–2014 emot flest flyktingar av alla "
            "Sveriges kommuner i förhållande till folkmängden. Varje kommun utvecklade egna "
            "arbetssätt, men kunskapen stannade ofta innanför kommungränsen.</p>"
        ),
        "what_was_done": (
            "<p>Hylte, Halmstad, Laholm, Falkenberg, Varberg och Kungsbacka gick samman i ett "
            "treårigt projekt som finansierades av Europeiska socialfonden. Målet var en "
            "gemensam plattform för lärande mellan kommunerna.</p>"
            "<ul><li><strong>Analysfas:</strong> kommunerna kartlade sina arbetssätt och behov "
            "och valde vad de skulle utveckla tillsammans.</li>"
            "<li><strong>Genomförande från 2016:</strong> tidiga insatser för nyanlända, "
            "mentorskap och hälsoprofiler.</li></ul>"
            "<p>Erfarenheterna delades löpande, så att det som fungerade i en kommun kunde "
            "prövas i de andra.</p>"
        ),
        "results": (
            "<p>Kommunerna fick en gemensam bild av nyanländas behov och en struktur för att "
            "dela erfarenheter. Mentorskap och hälsoprofiler prövades i flera av kommunerna. "
            "Projektet följdes av en extern utvärderare, vilket är vanligt i projekt med stöd "
            "från Europeiska socialfonden.</p>"
        ),
        "key_figures": [
            key_figure("6", "kommuner i Halland"),
            key_figure("3", "års projekttid"),
            key_figure("2016", "startade genomförandet"),
            key_figure("2010", "utsågs Hylte till årets integrationskommun"),
        ],
        "lessons_learned": (
            "<p>Analysfasen var värd tiden. Genom att först förstå varandras arbetssätt kunde "
            "kommunerna välja insatser som passade både stora och små kommuner.</p>"
            "<p>En gemensam plattform gör det lättare för en liten kommun som Hylte att både "
            "lära av och bidra till sina större grannar.</p>"
        ),
        "what_did_not_work": (
            "<p>Det tog längre tid än väntat att enas om gemensamma mått för uppföljning, "
            "eftersom kommunerna registrerade uppgifter på olika sätt. Efter projekttiden var "
            "det svårt att hålla liv i det gemensamma lärandet utan en samordnare.</p>"
        ),
        "transferability": (
            "<p>Passar kommuner i samma region som har liknande utmaningar men är olika stora. "
            "Det krävs en projektägare som håller ihop arbetet och kommunledningar som är "
            "beredda att dela både framgångar och misslyckanden.</p>"
        ),
        "resources_needed": (
            "<p>Projektmedel för samordning och analys, arbetstid från medarbetare i varje "
            "kommun, mentorer och hälsopersonal för hälsoprofilerna.</p>"
        ),
        "scale_notes": (
            "<p>Samarbetet jämnade ut skillnaderna i storlek: de större kommunerna bidrog med "
            "volym och specialister, de mindre med korta beslutsvägar och nära kontakter. Samma "
            "upplägg fungerar i andra regioner med en blandning av stora och små kommuner.</p>"
        ),
        "body": [
            heading("Sex kommuner, en plattform"),
            paragraph(
                "<p>Projektet började med en analysfas där kommunerna jämförde hur de tog emot "
                "nyanlända och var de såg de största behoven. Först därefter valdes de insatser "
                "som skulle genomföras gemensamt.</p>"
            ),
            heading("Hälsoprofiler", "h3"),
            paragraph(
                "<p>Hälsoprofilerna gav tidigt en bild av deltagarnas hälsa, så att stöd kunde "
                "sättas in innan ohälsa blev ett hinder för studier och arbete.</p>"
            ),
            heading("Mentorskap", "h3"),
            paragraph(
                "<p>Mentorer gav nyanlända en kontakt utanför myndigheterna, med råd om "
                "vardag, arbete och nätverk i den nya kommunen.</p>"
            ),
            quote(
                "Vi är en liten kommun, men i projektet kunde vi både lära av och lära ut till "
                "de större grannarna.",
                role="projektmedarbetare i Hylte",
            ),
            fact_box(
                "Integration Halland i korthet",
                "<ul><li>Kommuner: Hylte, Halmstad, Laholm, Falkenberg, Varberg och "
                "Kungsbacka</li>"
                "<li>Finansiering: Europeiska socialfonden</li>"
                "<li>Projekttid: tre år, genomförande från 2016</li></ul>",
            ),
        ],
        "funding": [
            funding("esf", "Treårigt projekt, genomförande från 2016"),
            funding("municipal", "Arbetstid från de sex kommunerna som medfinansiering"),
        ],
        "partners": [
            partner(name, "municipality", "Deltagande kommun")
            for name in (
                "Halmstads kommun",
                "Laholms kommun",
                "Falkenbergs kommun",
                "Varbergs kommun",
                "Kungsbacka kommun",
            )
        ],
    },
    "en": {
        "slug": "integration-halland",
        "title": "Integration Halland – shared learning for six municipalities",
        "summary": (
            "In the ESF-funded project Integration Halland, six municipalities in Halland spent "
            "three years building a shared platform for learning. After an analysis phase, "
            "early interventions, mentorship and health profiles were put into practice from "
            "2016. Hylte, which received the most refugees relative to its population in "
            "2013–2014, was one of them."
        ),
        "tags": ["ESF", "Halland", "health profiles"],
        "challenge": (
            "<p>The municipalities of Halland received many newcomers in a short time. Hylte, "
            "named municipality of the year for integration in 2010, received more refugees "
            "relative to its population than any other Swedish municipality in 2013–2014. Each "
            "municipality developed its own methods, but the knowledge often stayed within its "
            "borders.</p>"
        ),
        "what_was_done": (
            "<p>Hylte, Halmstad, Laholm, Falkenberg, Varberg and Kungsbacka joined forces in a "
            "three-year project funded by the European Social Fund. The aim was a shared "
            "platform for learning between the municipalities.</p>"
            "<ul><li><strong>Analysis phase:</strong> the municipalities mapped their methods "
            "and needs and chose what to develop together.</li>"
            "<li><strong>Implementation from 2016:</strong> early interventions for newcomers, "
            "mentorship and health profiles.</li></ul>"
            "<p>Experience was shared continuously, so that what worked in one municipality "
            "could be tried in the others.</p>"
        ),
        "results": (
            "<p>The municipalities gained a shared picture of newcomers' needs and a structure "
            "for sharing experience. Mentorship and health profiles were tried in several of "
            "the municipalities. The project was followed by an external evaluator, as is "
            "common in projects supported by the European Social Fund.</p>"
        ),
        "key_figures": [
            key_figure("6", "municipalities in Halland"),
            key_figure("3", "years of project time"),
            key_figure("2016", "implementation began"),
            key_figure("2010", "Hylte named municipality of the year for integration"),
        ],
        "lessons_learned": (
            "<p>The analysis phase was worth the time. By first understanding each other's "
            "methods, the municipalities could choose interventions that suited both large and "
            "small municipalities.</p>"
            "<p>A shared platform makes it easier for a small municipality like Hylte both to "
            "learn from and to contribute to its larger neighbours.</p>"
        ),
        "what_did_not_work": (
            "<p>Agreeing on shared follow-up measures took longer than expected, because the "
            "municipalities recorded data in different ways. After the project ended it was "
            "hard to keep the shared learning going without a coordinator.</p>"
        ),
        "transferability": (
            "<p>Suits municipalities in the same region that face similar challenges but "
            "differ in size. It needs a project owner to hold the work together and municipal "
            "leaders who are willing to share both successes and failures.</p>"
        ),
        "resources_needed": (
            "<p>Project funding for coordination and analysis, working time from staff in each "
            "municipality, mentors, and health staff for the health profiles.</p>"
        ),
        "scale_notes": (
            "<p>The partnership evened out differences in size: the larger municipalities "
            "contributed volume and specialists, the smaller ones short decision paths and "
            "close contacts. The same set-up works in other regions with a mix of large and "
            "small municipalities.</p>"
        ),
        "body": [
            heading("Six municipalities, one platform"),
            paragraph(
                "<p>The project began with an analysis phase in which the municipalities "
                "compared how they received newcomers and where they saw the greatest needs. "
                "Only then were the joint interventions chosen.</p>"
            ),
            heading("Health profiles", "h3"),
            paragraph(
                "<p>The health profiles gave an early picture of participants' health, so that "
                "support could be provided before ill health became an obstacle to study and "
                "work.</p>"
            ),
            heading("Mentorship", "h3"),
            paragraph(
                "<p>Mentors gave newcomers a contact outside the authorities, with advice on "
                "everyday life, work and networks in their new municipality.</p>"
            ),
            quote(
                "We are a small municipality, but in the project we could both learn from and "
                "teach our larger neighbours.",
                role="project officer in Hylte",
            ),
            fact_box(
                "Integration Halland at a glance",
                "<ul><li>Municipalities: Hylte, Halmstad, Laholm, Falkenberg, Varberg and "
                "Kungsbacka</li>"
                "<li>Funding: the European Social Fund</li>"
                "<li>Duration: three years, implementation from 2016</li></ul>",
            ),
        ],
        "funding": [
            funding("esf", "Three-year project, implementation from 2016"),
            funding("municipal", "Working time from the six municipalities as co-funding"),
        ],
        "partners": [
            partner(name, "municipality", "Participating municipality")
            for name in (
                "Halmstad Municipality",
                "Laholm Municipality",
                "Falkenberg Municipality",
                "Varberg Municipality",
                "Kungsbacka Municipality",
            )
        ],
    },
}

INFODISKAR = {
    "municipality": "stockholm",
    "shared": {
        "image": "stockholm",
        "status": PracticeStatus.ONGOING,
        "start_date": date(2019, 9, 1),
        "end_date": None,
        "evidence_level": EvidenceLevel.INTERNAL,
        "verified_days_ago": 90,
        "target_groups": ["nyanlanda-vuxna", "familjer"],
        "approaches": [
            "boende",
            "civilsamhalle-och-volontarer",
            "mentorskap",
            "samhallsinformation",
        ],
    },
    "sv": {
        "slug": "infodiskar-i-etableringsboenden",
        "title": "Infodiskar i etableringsboenden i Hässelby-Vällingby",
        "summary": (
            "Hässelby-Vällingby stadsdelsförvaltning har infodiskar i SHIS Bostäders "
            "etableringsboenden för nyanlända. Vid diskarna får de boende kontakt med "
            "föreningar, mentorer och civilsamhälle. Fler nyanlända hittar nu ett långsiktigt "
            "boende."
        ),
        "tags": ["bostad", "etableringsboende", "mentorer"],
        "challenge": (
            "<p>Nyanlända som anvisas till Stockholm bor ofta först i etableringsboenden med "
            "tidsbegränsade kontrakt. Bostadsmarknaden är svår, och den som saknar nätverk i "
            "staden har svårt att hitta nästa bostad, ett arbete eller en fritidsaktivitet.</p>"
        ),
        "what_was_done": (
            "<p>Stadsdelsförvaltningen öppnade infodiskar direkt i SHIS Bostäders "
            "etableringsboenden. Vid fasta tider varje vecka finns personal på plats som</p>"
            "<ul><li>svarar på frågor om bostadssökande, skola och samhälle,</li>"
            "<li>förmedlar kontakter med lokala föreningar och andra delar av "
            "civilsamhället,</li>"
            "<li>kopplar ihop de boende med mentorer som kan ge råd om arbete och "
            "boende.</li></ul>"
        ),
        "results": (
            "<p>Fler nyanlända hittar ett långsiktigt boende innan kontraktet i "
            "etableringsboendet löper ut. De boende får också fler kontakter i stadsdelen "
            "genom föreningar och mentorer.</p>"
        ),
        "key_figures": [
            key_figure("Varje vecka", "fasta tider för infodisken i boendet"),
            key_figure("3", "vägar in: föreningar, mentorer och civilsamhälle"),
            key_figure("Fler", "hittar ett långsiktigt boende"),
        ],
        "lessons_learned": (
            "<p>Att möta de boende där de bor sänker tröskeln. Många som aldrig skulle boka ett "
            "möte på ett kontor stannar vid disken på väg in eller ut.</p>"
            "<p>Samarbetet med SHIS Bostäder gör att personalen vet när kontrakt närmar sig sitt "
            "slut och kan börja planera i tid.</p>"
        ),
        "what_did_not_work": (
            "<p>Informationsblad på papper nådde få. Det fungerade bättre när personalen själv "
            "gick runt i huset och när de boende kunde ta med sig en granne till disken.</p>"
        ),
        "transferability": (
            "<p>Fungerar där många nyanlända bor samlat, till exempel i etableringsboenden eller "
            "större hyreshus. Förutsätter en fastighetsägare som upplåter plats och ett lokalt "
            "föreningsliv att slussa vidare till.</p>"
        ),
        "resources_needed": (
            "<p>Personal några timmar i veckan per boende, ett hörn eller rum i huset och tid "
            "för att hålla kontakten med föreningar och mentorer.</p>"
        ),
        "scale_notes": (
            "<p>I en storstad finns många föreningar att samarbeta med men också långa "
            "bostadsköer. I en mindre kommun är boendena mindre och kan dela på en infodisk, men "
            "föreningslivet kan vara tunnare.</p>"
        ),
        "body": [
            heading("Disken i entrén"),
            paragraph(
                "<p>Infodisken står där de boende ändå passerar. Den som har en fråga behöver "
                "inte boka tid, och personalen känner igen de boende från vecka till vecka.</p>"
            ),
            quote(
                "Jag kom för att fråga om tvättstugan och gick därifrån med en mentor.",
                role="boende i ett etableringsboende",
            ),
            heading("Samarbetet med SHIS Bostäder"),
            paragraph(
                "<p>SHIS Bostäder upplåter plats för disken och hör av sig när ett kontrakt "
                "börjar närma sig sitt slut. Då kan personalen hjälpa till med bostadssökandet "
                "i god tid.</p>"
            ),
            fact_box(
                "I korthet",
                "<ul><li>Var: SHIS Bostäders etableringsboenden i Hässelby-Vällingby</li>"
                "<li>Vem: stadsdelsförvaltningens personal</li>"
                "<li>Vad: kontakter med föreningar, mentorer och civilsamhälle</li></ul>",
            ),
        ],
        "funding": [funding("municipal", "Stadsdelsförvaltningens budget för etablering")],
        "partners": [
            partner("SHIS Bostäder", "other", "Hyr ut etableringsboenden och ger plats åt disken"),
            partner("Lokala föreningar", "association", "Tar emot nya medlemmar och deltagare"),
            partner("Frivilliga mentorer", "association", "Ger råd om arbete och boende"),
        ],
    },
    "en": {
        "slug": "info-desks-in-transitional-housing",
        "title": "Info desks in transitional housing in Hässelby-Vällingby",
        "summary": (
            "The Hässelby-Vällingby district administration runs info desks in SHIS Bostäder's "
            "transitional housing for newcomers. At the desks, residents are put in touch with "
            "associations, mentors and civil society. More newcomers now find long-term "
            "housing."
        ),
        "tags": ["housing", "transitional housing", "mentors"],
        "challenge": (
            "<p>Newcomers settled in Stockholm often live first in transitional housing on "
            "time-limited contracts. The housing market is tough, and anyone without a network "
            "in the city struggles to find their next home, a job or a leisure activity.</p>"
        ),
        "what_was_done": (
            "<p>The district administration opened info desks inside SHIS Bostäder's "
            "transitional housing. At fixed times every week, staff are on site to</p>"
            "<ul><li>answer questions about finding a home, school and society,</li>"
            "<li>put residents in touch with local associations and other parts of civil "
            "society,</li>"
            "<li>match residents with mentors who can advise on work and housing.</li></ul>"
        ),
        "results": (
            "<p>More newcomers find long-term housing before their contract in the "
            "transitional housing runs out. Residents also gain more contacts in the district "
            "through associations and mentors.</p>"
        ),
        "key_figures": [
            key_figure("Every week", "fixed hours at the info desk"),
            key_figure("3", "ways in: associations, mentors and civil society"),
            key_figure("More", "newcomers find long-term housing"),
        ],
        "lessons_learned": (
            "<p>Meeting residents where they live lowers the threshold. Many people who would "
            "never book a meeting at an office stop at the desk on their way in or out.</p>"
            "<p>Working with SHIS Bostäder means staff know when contracts are about to end and "
            "can start planning in good time.</p>"
        ),
        "what_did_not_work": (
            "<p>Printed leaflets reached few people. It worked better when staff walked around "
            "the building themselves and when residents could bring a neighbour to the "
            "desk.</p>"
        ),
        "transferability": (
            "<p>Works where many newcomers live in the same place, such as transitional housing "
            "or large apartment blocks. It requires a landlord willing to provide space and a "
            "local associational life to refer people on to.</p>"
        ),
        "resources_needed": (
            "<p>Staff for a few hours a week per building, a corner or room in the building, "
            "and time to keep in touch with associations and mentors.</p>"
        ),
        "scale_notes": (
            "<p>A big city has many associations to work with, but also long housing queues. "
            "In a smaller municipality the buildings are smaller and can share one info desk, "
            "but associational life may be thinner.</p>"
        ),
        "body": [
            heading("The desk by the entrance"),
            paragraph(
                "<p>The info desk stands where residents pass anyway. Anyone with a question "
                "does not need an appointment, and staff recognise residents from week to "
                "week.</p>"
            ),
            quote(
                "I came to ask about the laundry room and left with a mentor.",
                role="resident in transitional housing",
            ),
            heading("Working with SHIS Bostäder"),
            paragraph(
                "<p>SHIS Bostäder provides space for the desk and gets in touch when a contract "
                "is nearing its end. Staff can then help with the search for a new home in good "
                "time.</p>"
            ),
            fact_box(
                "At a glance",
                "<ul><li>Where: SHIS Bostäder's transitional housing in "
                "Hässelby-Vällingby</li>"
                "<li>Who: staff of the district administration</li>"
                "<li>What: contacts with associations, mentors and civil society</li></ul>",
            ),
        ],
        "funding": [funding("municipal", "The district administration's budget for settlement")],
        "partners": [
            partner("SHIS Bostäder", "other", "Lets the transitional housing, hosts the desk"),
            partner("Local associations", "association", "Welcome new members and participants"),
            partner("Volunteer mentors", "association", "Advise on work and housing"),
        ],
    },
}

# Order matters: a practice must come after the one it is adapted from.
PRACTICES: dict[str, dict] = {
    "lokalen": LOKALEN,
    "sprakcafe": SPRAKCAFE,
    "byarna": BYARNA,
    "natverket": NATVERKET,
    "halland": HALLAND,
    "infodiskar": INFODISKAR,
}


def _language_fields(spec: dict, language: str, images: dict) -> dict:
    fields = dict(spec[language])
    fields["body"] = resolve_images(fields["body"], images)
    return fields


def ensure_practices(
    ctx: DemoContext,
    municipalities: dict[str, Pair],
    terms: dict[str, Pair],
    images: dict,
    contacts: dict,
) -> dict[str, Pair]:
    practices: dict[str, Pair] = {}
    for key, spec in PRACTICES.items():
        shared = spec["shared"]
        municipality = municipalities[spec["municipality"]]
        sv_fields = _language_fields(spec, "sv", images)
        slug = sv_fields.pop("slug")
        adapted_from = practices[spec["adapted_from"]].sv if spec.get("adapted_from") else None
        sv_page = ensure_page(
            ctx,
            municipality.sv,
            PracticePage,
            slug,
            {
                **sv_fields,
                "hero_image": images[shared["image"]],
                "status": shared["status"],
                "start_date": shared["start_date"],
                "end_date": shared["end_date"],
                "evidence_level": shared["evidence_level"],
                "last_verified": date.today() - timedelta(days=shared["verified_days_ago"]),
                "target_groups": [terms[s].sv for s in shared["target_groups"]],
                "approaches": [terms[s].sv for s in shared["approaches"]],
                "contacts": [contacts[spec["municipality"]]],
                "adapted_from": adapted_from,
            },
        )
        # The copy keeps the shared fields; its save() maps taxonomy and lineage to English.
        en_page = ensure_translation(ctx, sv_page, ctx.en, _language_fields(spec, "en", images))
        practices[key] = Pair(sv_page, en_page)
    return practices
