"""The site skeleton: home page, index pages, the three standard pages and the site settings."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from wagtail.models import Page, Site

from core.models import HomePage, HomePageFeaturedPractice, SiteSettings, StandardPage
from municipalities.models import MunicipalityIndexPage
from practices.models import PracticeIndexPage, ThemeIndexPage

from .base import (
    DemoContext,
    Pair,
    apply_fields,
    ensure_pair,
    ensure_translation,
    fact_box,
    heading,
    long_date,
    paragraph,
)

HOME_SLUG = "home"
DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"
IMY_URL = "https://www.imy.se/"


def _mailto(email: str) -> str:
    return f'<a href="mailto:{email}">{email}</a>'


def _is_wagtail_welcome_page(page: Page) -> bool:
    """The plain page Wagtail's first migration creates; anything else is someone's content."""
    return page.specific_class is Page and page.depth == 2 and page.numchild == 0


def ensure_home(ctx: DemoContext) -> Pair:
    """The Swedish home page as the default site's root, with its English translation."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=ctx.sv).first()
    if home is None:
        occupant = root.get_children().filter(slug=HOME_SLUG).first()
        if occupant is not None:
            if not _is_wagtail_welcome_page(occupant.specific):
                raise CommandError(
                    f"A page with the slug '{HOME_SLUG}' already sits at the top of the tree "
                    "and is not Wagtail's welcome page. Move or rename it first."
                )
            # Free the slug; the welcome page is deleted once the site points elsewhere.
            occupant.slug = "wagtail-welcome"
            occupant.save()
        home = HomePage(slug=HOME_SLUG, locale=ctx.sv)
        apply_fields(
            home,
            {
                "title": "Kommuner delar goda exempel på integration",
                "seo_title": "Goda exempel på integration",
                "intro": (
                    "<p>Här delar Sveriges kommuner med sig av vad som fungerar i arbetet med "
                    "nyanlända – och vad som inte gör det. Hitta exempel som liknar din "
                    "situation och personen att fråga.</p>"
                ),
            },
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        ctx.count("pages", True)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Lärplattformen",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Lärplattformen"
        site.save()

    for page in root.get_children().exclude(pk=home.pk).specific():
        still_a_root = Site.objects.filter(root_page=page).exists()
        if _is_wagtail_welcome_page(page) and not still_a_root:
            page.delete()

    en_home = ensure_translation(
        ctx,
        home,
        ctx.en,
        {
            "title": "Municipalities sharing good practices in integration",
            "seo_title": "Good practices in integration",
            "intro": (
                "<p>Swedish municipalities share what works in their work with newcomers – and "
                "what does not. Find examples that match your situation, and the person to "
                "ask.</p>"
            ),
        },
    )
    return Pair(home, en_home)


def ensure_index_pages(ctx: DemoContext, home: Pair) -> dict[str, Pair]:
    practice_index = ensure_pair(
        ctx,
        home,
        PracticeIndexPage,
        sv={
            "slug": "goda-exempel",
            "title": "Goda exempel",
            "show_in_menus": True,
            "intro": (
                "<p>Alla goda exempel på plattformen. Använd filtren för att hitta exempel som "
                "liknar din situation: målgrupp, arbetssätt, kommun, län eller status.</p>"
            ),
        },
        en={
            "slug": "good-practices",
            "title": "Good practices",
            "intro": (
                "<p>Every good practice on the platform. Use the filters to find examples that "
                "match your situation: target group, approach, municipality, county or "
                "status.</p>"
            ),
        },
        singleton=True,
    )
    municipality_index = ensure_pair(
        ctx,
        home,
        MunicipalityIndexPage,
        sv={
            "slug": "kommuner",
            "title": "Kommuner",
            "show_in_menus": True,
            "intro": "<p>Kommunerna som delar med sig av sina erfarenheter, ordnade efter län.</p>",
        },
        en={
            "slug": "municipalities",
            "title": "Municipalities",
            "intro": "<p>The municipalities sharing their experience, grouped by county.</p>",
        },
        singleton=True,
    )
    theme_index = ensure_pair(
        ctx,
        home,
        ThemeIndexPage,
        sv={
            "slug": "teman",
            "title": "Teman",
            "show_in_menus": True,
            "intro": (
                "<p>Teman samlar goda exempel kring en gemensam fråga, utvalda av "
                "projektledarna.</p>"
            ),
        },
        en={
            "slug": "themes",
            "title": "Themes",
            "intro": (
                "<p>Themes gather good practices around a shared question, selected by the "
                "project managers.</p>"
            ),
        },
        singleton=True,
    )
    return {
        "practice_index": practice_index,
        "municipality_index": municipality_index,
        "theme_index": theme_index,
    }


def _about(email: str) -> tuple[dict, dict]:
    sv = {
        "slug": "om-larplattformen",
        "title": "Om Lärplattformen",
        "show_in_menus": True,
        "intro": (
            "Lärplattformen är en plats där Sveriges kommuner delar goda exempel på integration "
            "av nyanlända: vad som fungerade, vad som inte gjorde det och vem man kan fråga."
        ),
        "body": [
            heading("Varför en lärplattform?"),
            paragraph(
                "<p>Många kommuner löser liknande problem, ofta utan att veta att någon annan "
                "redan har prövat. Här beskrivs varje gott exempel på samma sätt: utmaningen, "
                "vad som gjordes, resultaten och hur säkra de är, lärdomarna och vad som krävs "
                "för att göra samma sak någon annanstans.</p>"
            ),
            heading("Vem står bakom?"),
            paragraph(
                "<p>Plattformen drivs av de deltagande kommunerna tillsammans med ett regionalt "
                "lärandeprojekt. Varje kommun ansvarar för sina egna exempel, och projektledarna "
                "granskar dem innan de publiceras.</p>"
            ),
            heading("Så bidrar din kommun"),
            paragraph(
                "<p>Vill din kommun dela ett gott exempel? Skriv till oss på "
                f"{_mailto(email)}, så hjälper vi er att komma igång.</p>"
            ),
            fact_box(
                "Om demoinnehållet",
                "<p>De goda exemplen från Härnösand, Örnsköldsvik, Söderhamn, Hylte och "
                "Stockholm bygger bara på offentligt publicerade artiklar, som anges under "
                "”Källor” på varje sida. Texterna är skrivna med egna ord och säger inget som "
                "artiklarna inte säger. Där en artikel inte säger något står det ”Uppgift saknas "
                "i underlaget”, och status gäller vid tiden för artikeln.</p>"
                "<p>Det som bara finns för att visa plattformens funktioner är exempel och "
                "märkt som det på sidorna:</p>"
                "<ul><li>alla kontaktpersoner, som är påhittade och har adresser som inte går "
                "till någon,</li>"
                "<li>sidan ”Språkcafé och drop-in i Härnösand”, som visar hur en anpassning av "
                "ett annat exempel kopplas ihop med det,</li>"
                "<li>att exemplet Integration Halland ligger under Hylte kommun.</li></ul>"
                "<p>Varje gott exempel i demon har en ruta som säger vad på just den sidan "
                "som är exempel.</p>",
            ),
        ],
    }
    en = {
        "slug": "about",
        "title": "About Lärplattformen",
        "intro": (
            "Lärplattformen is a place where Swedish municipalities share good practices in the "
            "integration of newcomers: what worked, what did not, and whom to ask."
        ),
        "body": [
            heading("Why a learning platform?"),
            paragraph(
                "<p>Many municipalities solve similar problems, often without knowing that "
                "someone else has already tried. Here every good practice is described in the "
                "same way: the challenge, what was done, the results and how certain they are, "
                "the lessons learned and what it takes to do the same elsewhere.</p>"
            ),
            heading("Who is behind it?"),
            paragraph(
                "<p>The platform is run by the participating municipalities together with a "
                "regional learning project. Each municipality is responsible for its own "
                "practices, and the project managers review them before they are "
                "published.</p>"
            ),
            heading("How your municipality can contribute"),
            paragraph(
                "<p>Would your municipality like to share a good practice? Write to us at "
                f"{_mailto(email)} and we will help you get started.</p>"
            ),
            fact_box(
                "About the demo content",
                "<p>The good practices from Härnösand, Örnsköldsvik, Söderhamn, Hylte and "
                "Stockholm rest only on publicly available articles, listed under “Sources” on "
                "each page. The texts are written in our own words and say nothing the articles "
                "do not say. Where an article says nothing, the page says “Not reported”, and "
                "each status is as of the time of its article.</p>"
                "<p>What exists only to show the platform's features is an example and marked "
                "as such on the pages:</p>"
                "<ul><li>all contact people, who are made up and have addresses that reach "
                "nobody,</li>"
                "<li>the page “Language café and drop-in in Härnösand”, which shows how an "
                "adaptation of another practice is linked to it,</li>"
                "<li>placing the Integration Halland practice under Hylte Municipality.</li>"
                "</ul>"
                "<p>Every demo practice has a box that says what on that page is an example.</p>",
            ),
        ],
    }
    return sv, en


def _accessibility(email: str, assessed: date) -> tuple[dict, dict]:
    """Follows the structure of DIGG's model statement for websites."""
    sv_date, en_date = long_date(assessed, "sv"), long_date(assessed, "en")
    sv = {
        "slug": "tillganglighetsredogorelse",
        "title": "Tillgänglighetsredogörelse",
        "intro": (
            "Lärplattformen står bakom den här webbplatsen. Vi vill att så många som möjligt "
            "ska kunna använda den. Här beskriver vi hur Lärplattformen uppfyller lagen om "
            "tillgänglighet till digital offentlig service, vilka brister vi känner till och "
            "hur du kan rapportera problem till oss."
        ),
        "body": [
            fact_box(
                "Sammanfattning",
                "<ul><li>Tjänst: webbplatsen Lärplattformen</li>"
                "<li>Status: delvis förenlig med lagen</li>"
                f"<li>Senaste bedömning: självskattning {sv_date}</li>"
                f"<li>Senast uppdaterad: {sv_date}</li></ul>",
            ),
            heading("Hur tillgänglig är webbplatsen?"),
            paragraph(
                "<p>Vi vet att delar av webbplatsen inte är helt tillgängliga. Läs mer under "
                "Innehåll som inte är tillgängligt.</p>"
            ),
            heading("Vad kan du göra om du inte kan använda delar av webbplatsen?"),
            paragraph(
                "<p>Om du behöver innehåll från Lärplattformen i ett annat format, till exempel "
                "ett dokument som inte går att läsa med skärmläsare, kan du skriva till oss på "
                f"{_mailto(email)}. Vi svarar inom fem arbetsdagar.</p>"
            ),
            heading("Rapportera brister i webbplatsens tillgänglighet"),
            paragraph(
                "<p>Vi arbetar hela tiden med att förbättra webbplatsens tillgänglighet. Om du "
                "upptäcker problem som inte beskrivs här, eller om du anser att vi inte "
                f"uppfyller lagens krav, skriv till oss på {_mailto(email)} så att vi får veta "
                "att problemet finns.</p>"
            ),
            heading("Tillsyn"),
            paragraph(
                "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsynen över "
                "lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med "
                "hur vi hanterar dina synpunkter kan du kontakta Digg och påtala det genom "
                f'<a href="{DIGG_COMPLAINT_URL}">Diggs formulär för anmälan</a>.</p>'
            ),
            heading("Teknisk information om webbplatsens tillgänglighet"),
            paragraph(
                "<p>Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till "
                "digital offentlig service, på grund av de brister som beskrivs nedan.</p>"
            ),
            heading("Innehåll som inte är tillgängligt", "h3"),
            paragraph(
                "<p>Innehållet som beskrivs nedan är på ett eller annat sätt inte helt "
                "tillgängligt.</p>"
                "<ul><li><strong>Dokument från kommunerna.</strong> Vissa PDF-dokument som "
                "kommunerna har laddat upp saknar rubrikstruktur och dokumenttitel, och är "
                "därför svåra att navigera i med skärmläsare (WCAG 1.3.1 och 2.4.2). Dokumenten "
                "skapas av många redaktörer i olika kommuner. Vi går igenom dem och ber "
                "kommunerna ersätta dem med tillgängliga versioner.</li>"
                "<li><strong>Alternativtexter.</strong> Alternativtexterna till bilder skrivs "
                "av kommunernas redaktörer. I några goda exempel är texterna för korta för att "
                "förmedla vad bilden visar (WCAG 1.1.1). Vi granskar alternativtexterna när "
                "exemplen verifieras, minst en gång om året.</li>"
                "<li><strong>Antal träffar efter filtrering.</strong> När du filtrerar listan "
                "över goda exempel laddas sidan om. Antalet träffar meddelas med ett "
                "statusmeddelande, men alla skärmläsare läser inte upp det (WCAG 4.1.3). Vi "
                "undersöker en lösning som fungerar i fler skärmläsare.</li></ul>"
            ),
            heading("Hur vi testat webbplatsen"),
            paragraph(
                "<p>Vi har gjort en självskattning (intern testning) av Lärplattformen. Alla "
                "sidtyper testas automatiskt med axe-core i webbläsaren Chromium. Dessutom går "
                "vi igenom sidorna manuellt med enbart tangentbord: tabbordning, synligt fokus, "
                "länken förbi menyn till huvudinnehållet och formulären för sökning och "
                "filtrering.</p>"
                f"<p>Senaste bedömningen gjordes den {sv_date}.</p>"
                f"<p>Redogörelsen uppdaterades senast den {sv_date}.</p>"
            ),
        ],
    }
    en = {
        "slug": "accessibility-statement",
        "title": "Accessibility statement",
        "intro": (
            "Lärplattformen is responsible for this website. We want as many people as possible "
            "to be able to use it. This statement describes how Lärplattformen complies with "
            "the Swedish Act on accessibility to digital public services, the shortcomings we "
            "know of, and how you can report problems to us."
        ),
        "body": [
            fact_box(
                "Summary",
                "<ul><li>Service: the Lärplattformen website</li>"
                "<li>Status: partially compliant with the Act</li>"
                f"<li>Latest assessment: self-assessment, {en_date}</li>"
                f"<li>Last updated: {en_date}</li></ul>",
            ),
            heading("How accessible is the website?"),
            paragraph(
                "<p>We know that parts of the website are not fully accessible. See Content "
                "that is not accessible below.</p>"
            ),
            heading("What can you do if you cannot use parts of the website?"),
            paragraph(
                "<p>If you need content from Lärplattformen in another format, for example a "
                "document that cannot be read with a screen reader, write to us at "
                f"{_mailto(email)}. We reply within five working days.</p>"
            ),
            heading("Reporting accessibility problems"),
            paragraph(
                "<p>We are always working to improve the accessibility of the website. If you "
                "find problems that are not described here, or you think that we do not meet "
                f"the requirements of the Act, write to us at {_mailto(email)} so that we know "
                "about the problem.</p>"
            ),
            heading("Enforcement"),
            paragraph(
                "<p>The Agency for Digital Government (Digg) is responsible for enforcing the "
                "Act on accessibility to digital public services. If you are not satisfied "
                "with how we handle your comments, you can tell Digg using "
                f'<a href="{DIGG_COMPLAINT_URL}">Digg\'s complaint form</a> (in Swedish).</p>'
            ),
            heading("Technical information about the website's accessibility"),
            paragraph(
                "<p>This website is partially compliant with the Act on accessibility to "
                "digital public services, due to the shortcomings described below.</p>"
            ),
            heading("Content that is not accessible", "h3"),
            paragraph(
                "<p>The content described below is not fully accessible in one way or "
                "another.</p>"
                "<ul><li><strong>Documents from the municipalities.</strong> Some PDF "
                "documents uploaded by the municipalities lack a heading structure and a "
                "document title, which makes them hard to navigate with a screen reader (WCAG "
                "1.3.1 and 2.4.2). The documents are produced by many editors in different "
                "municipalities. We are reviewing them and asking the municipalities to replace "
                "them with accessible versions.</li>"
                "<li><strong>Alternative text.</strong> Alternative text for images is written "
                "by the municipalities' editors. In some practices the text is too short to "
                "convey what the image shows (WCAG 1.1.1). We review alternative text when "
                "practices are verified, at least once a year.</li>"
                "<li><strong>Number of results after filtering.</strong> When you filter the "
                "list of good practices, the page reloads. The number of results is announced "
                "as a status message, but not every screen reader reads it out (WCAG 4.1.3). We "
                "are looking into a solution that works in more screen readers.</li></ul>"
            ),
            heading("How we tested the website"),
            paragraph(
                "<p>We have carried out a self-assessment (internal testing) of "
                "Lärplattformen. Every page type is tested automatically with axe-core in the "
                "Chromium browser. We also check the pages manually using only the keyboard: "
                "tab order, visible focus, the link that skips the menu to the main content, "
                "and the search and filter forms.</p>"
                f"<p>The latest assessment was made on {en_date}.</p>"
                f"<p>This statement was last updated on {en_date}.</p>"
            ),
        ],
    }
    return sv, en


def _privacy(email: str) -> tuple[dict, dict]:
    sv = {
        "slug": "personuppgifter",
        "title": "Personuppgifter",
        "intro": (
            "Så hanterar vi personuppgifter om kontaktpersonerna för goda exempel och om dig som "
            "besöker Lärplattformen."
        ),
        "body": [
            heading("Kontaktpersoner för goda exempel"),
            paragraph(
                "<p>Varje gott exempel har en eller flera kontaktpersoner, så att du som arbetar "
                "med samma frågor någon annanstans kan höra av dig och lära dig mer. Vi sparar "
                "bara uppgifter som hör till tjänsten: namn, roll, e-postadress och "
                "telefonnummer i tjänsten och vilken kommun personen arbetar för. Vi publicerar "
                "aldrig privata uppgifter.</p>"
            ),
            heading("Varför vi får behandla uppgifterna", "h3"),
            paragraph(
                "<p>Behandlingen är nödvändig för att utföra en uppgift av allmänt intresse "
                "(artikel 6.1 e i dataskyddsförordningen): att sprida kunskap om integration "
                "mellan kommuner.</p>"
            ),
            heading("Hur länge uppgifterna sparas", "h3"),
            paragraph(
                "<p>Varje kontaktperson har ett datum för översyn, högst ett år fram i tiden. "
                "Då kontrollerar kommunen att personen har kvar sin roll. Har personen slutat "
                "tas uppgifterna bort.</p>"
            ),
            heading("Vem som ansvarar", "h3"),
            paragraph(
                "<p>Den kommun som har publicerat ett exempel ansvarar för uppgifterna om sina "
                "kontaktpersoner. Frågor om själva plattformen besvarar vi på "
                f"{_mailto(email)}.</p>"
            ),
            heading("Bevakningar via e-post"),
            paragraph(
                "<p>Om du bevakar en sökning, ett tema eller en kommun sparar vi din "
                "e-postadress, språket, vad du bevakar och datum för bevakningen och för våra "
                "utskick, inget annat. En bevakning börjar först när du har bekräftat den via "
                "länken i vårt e-postmeddelande; obekräftade bevakningar raderas efter 7 dagar. "
                "Varje utskick har en länk för att avsluta direkt, och då raderas bevakningen."
                "</p>"
            ),
            heading("Förslag på goda exempel", "h3"),
            paragraph(
                "<p>Om du föreslår ett exempel utan konto ser bara granskarna (kommunens "
                "redaktörer och projektledarna) ditt namn, din organisation och din "
                "e-postadress. Vi använder dem bara för att ge dig besked, och de raderas 30 "
                "dagar efter beslutet.</p>"
            ),
            heading("Dina rättigheter"),
            paragraph(
                "<p>Du har rätt att få veta vilka uppgifter vi har om dig, att få felaktiga "
                "uppgifter rättade och att invända mot behandlingen. Skriv till "
                f"{_mailto(email)}. Om du är missnöjd med hur vi behandlar dina uppgifter kan "
                f'du klaga hos <a href="{IMY_URL}">Integritetsskyddsmyndigheten (IMY)</a>.</p>'
            ),
            heading("Kakor och sökstatistik"),
            paragraph(
                "<p>Lärplattformen använder inga kakor för spårning eller marknadsföring. "
                "Redaktörer som loggar in får en nödvändig sessionskaka. Vi räknar hur ofta "
                "olika sökord används, utan koppling till den som sökte, för att kunna "
                "förbättra sökningen.</p>"
            ),
        ],
    }
    en = {
        "slug": "personal-data",
        "title": "Personal data",
        "intro": (
            "How we handle personal data about the contact people for good practices and about "
            "you as a visitor to Lärplattformen."
        ),
        "body": [
            heading("Contact people for good practices"),
            paragraph(
                "<p>Every good practice has one or more contact people, so that anyone working "
                "on the same issues elsewhere can get in touch and learn more. We only store "
                "work details: name, role, work e-mail address, work phone number and the "
                "municipality the person works for. We never publish private details.</p>"
            ),
            heading("Why we may process the data", "h3"),
            paragraph(
                "<p>The processing is necessary to perform a task carried out in the public "
                "interest (Article 6(1)(e) of the General Data Protection Regulation): sharing "
                "knowledge about integration between municipalities.</p>"
            ),
            heading("How long the data is kept", "h3"),
            paragraph(
                "<p>Every contact person has a review date, at most one year ahead. On that "
                "date the municipality checks that the person still holds the role. If they "
                "have left, their details are removed.</p>"
            ),
            heading("Who is responsible", "h3"),
            paragraph(
                "<p>The municipality that published a practice is responsible for the data "
                "about its contact people. We answer questions about the platform itself at "
                f"{_mailto(email)}.</p>"
            ),
            heading("E-mail subscriptions"),
            paragraph(
                "<p>If you follow a search, a theme or a municipality, we store your e-mail "
                "address, the language, what you follow and the dates of the subscription and "
                "of our e-mails, nothing else. A subscription starts only once you confirm it "
                "through the link in our e-mail; unconfirmed subscriptions are deleted after 7 "
                "days. Every e-mail has a link to cancel at once, which deletes the "
                "subscription.</p>"
            ),
            heading("Suggested practices", "h3"),
            paragraph(
                "<p>If you suggest a practice without an account, only the reviewers (the "
                "municipality's editors and the project managers) see your name, organisation "
                "and e-mail address. We use them only to tell you the outcome, and they are "
                "erased 30 days after the decision.</p>"
            ),
            heading("Your rights"),
            paragraph(
                "<p>You have the right to know what data we hold about you, to have incorrect "
                f"data corrected and to object to the processing. Write to {_mailto(email)}. "
                "If you are unhappy with how we process your data, you can complain to the "
                f'<a href="{IMY_URL}">Swedish Authority for Privacy Protection (IMY)</a>.</p>'
            ),
            heading("Cookies and search statistics"),
            paragraph(
                "<p>Lärplattformen uses no cookies for tracking or marketing. Editors who log "
                "in receive a necessary session cookie. We count how often search terms are "
                "used, without linking them to the person who searched, so that we can improve "
                "the search.</p>"
            ),
        ],
    }
    return sv, en


def ensure_standard_pages(ctx: DemoContext, home: Pair, email: str) -> dict[str, Pair]:
    pages = {}
    for key, (sv, en) in (
        ("about", _about(email)),
        ("accessibility", _accessibility(email, date.today())),
        ("privacy", _privacy(email)),
    ):
        # The About page says which demo content is an example, and the privacy page what the
        # site stores: keep both in step with the code on existing databases too.
        pages[key] = ensure_pair(
            ctx, home, StandardPage, sv=sv, en=en, update=key in ("about", "privacy")
        )
    return pages


def contact_email() -> str:
    """The site's contact address, filled in with the default if someone emptied it."""
    site_settings = SiteSettings.load()
    if not site_settings.contact_email:
        site_settings.contact_email = "kontakt@larplattformen.localhost"
        site_settings.save(update_fields=["contact_email"])
    return site_settings.contact_email


def ensure_site_settings(ctx: DemoContext, standard_pages: dict[str, Pair]) -> None:
    """Point the footer links at the Swedish pages; the footer shows the visitor's language."""
    site_settings = SiteSettings.load()
    changed = []
    if site_settings.accessibility_page_id is None:
        site_settings.accessibility_page = standard_pages["accessibility"].sv
        changed.append("accessibility_page")
    if site_settings.privacy_page_id is None:
        site_settings.privacy_page = standard_pages["privacy"].sv
        changed.append("privacy_page")
    if changed:
        site_settings.save(update_fields=changed)


def ensure_featured_practices(ctx: DemoContext, home: Pair, practices: list[Pair]) -> None:
    """Featured practices on each home page, in that page's language; only if none are chosen."""
    for stale, language in ((home.sv, "sv"), (home.en, "en")):
        # Reload: children were added since, through other instances of this page, and
        # publishing a stale copy would write back an old numchild and hide the children.
        page = HomePage.objects.get(pk=stale.pk)
        if page.featured_practices.exists():
            continue
        page.featured_practices = [
            HomePageFeaturedPractice(practice=getattr(pair, language)) for pair in practices
        ]
        page.save_revision().publish()
