"""The practice's editing interface: the Content and Facts tabs, with the editors' guidance."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page

from ..widgets import EvidenceLevelRadioSelect

# Shown on the model field and on its panel (the panel's text is what the form shows).
SOURCES_HELP = _(
    "The articles, reports or evaluations this record rests on. Readers see them under "
    '"Sources"; without any, the page says that no source is given.'
)
EXAMPLE_NOTICE_HELP = _(
    "Only for demonstration or training records: which parts of this record are invented "
    "examples and not facts. Shown as a notice at the top of the page."
)
EXPERT_VALIDATION_HELP = _(
    "After the project managers' review, the expert group assesses the practice against "
    "the published criteria. A validated practice shows the expert group's badge."
)
CONTACTS_HELP = _(
    "Who readers may contact about the practice, shown in this order with name, role and "
    "phone. Choose your municipality's contact persons; someone missing can be added in the "
    "chooser's “Add a contact person” tab without leaving this page."
)

CONTENT_PANELS = [
    *Page.content_panels,
    FieldPanel(
        "summary",
        help_text=_(
            "Two or three sentences: what you do, for whom, and what came of it. E.g. "
            "“A language café where newly arrived women practise Swedish; 40 took part "
            "in 2024 and 12 went on to SFI.”"
        ),
    ),
    FieldPanel(
        "hero_image",
        help_text=_(
            "A photo from the activity, without faces of people who have not agreed. "
            "The image's description is read out to blind readers."
        ),
    ),
    MultiFieldPanel(
        [
            FieldPanel(
                "target_groups",
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Tick everyone the practice is meant for."),
            ),
            FieldPanel(
                "approaches",
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Tick the ways of working you use, e.g. mentoring."),
            ),
            FieldPanel(
                "tags",
                help_text=_(
                    "Other words someone might search for, separated by commas, "
                    "e.g. “cycling, summer job”."
                ),
            ),
        ],
        heading=_("Classification"),
    ),
    MultiFieldPanel(
        [
            FieldPanel(
                "challenge",
                help_text=_(
                    "The problem you wanted to solve and why, e.g. “Few newly arrived "
                    "parents came to parent meetings at school.”"
                ),
            ),
            FieldPanel(
                "what_was_done",
                help_text=_(
                    "What you did, step by step, and who took part, e.g. “We trained "
                    "six parents as guides who invite others in their own language.”"
                ),
            ),
            FieldPanel(
                "results",
                help_text=_(
                    "What came of it, with figures if you have them, e.g. “Attendance "
                    "at parent meetings rose from 20 to 55 per cent in a year.”"
                ),
            ),
            FieldPanel(
                "evidence_level",
                widget=EvidenceLevelRadioSelect,
                help_text=_("How sure you are of the results: choose the level that fits."),
            ),
            FieldPanel(
                "key_figures",
                help_text=_(
                    "A few numbers that show the scale or the result, e.g. “120 "
                    "participants” or “3 of 4 in work after a year”."
                ),
            ),
        ],
        heading=_("What was done and what came of it"),
    ),
    MultiFieldPanel(
        [
            FieldPanel(
                "lessons_learned",
                help_text=_(
                    "What you would tell a colleague starting the same thing, e.g. "
                    "“Agree with the employers before you recruit participants.”"
                ),
            ),
            FieldPanel(
                "what_did_not_work",
                help_text=_(
                    "Be honest: it helps others most. E.g. “Evening sessions did not "
                    "work for parents of small children.”"
                ),
            ),
        ],
        heading=_("Lessons learned"),
    ),
    MultiFieldPanel(
        [
            FieldPanel(
                "transferability",
                help_text=_(
                    "What must be in place for this to work elsewhere, e.g. “An "
                    "employer willing to offer placements.”"
                ),
            ),
            FieldPanel(
                "resources_needed",
                help_text=_(
                    "Staff, money and premises it takes, e.g. “Half a full-time post "
                    "and a room twice a week.”"
                ),
            ),
            FieldPanel(
                "scale_notes",
                help_text=_(
                    "Would it work in a larger or smaller municipality? What would "
                    "change? E.g. “In a small place one coordinator is enough.”"
                ),
            ),
        ],
        heading=_("Transferability"),
    ),
    FieldPanel(
        "body",
        help_text=_("The story in your own words: quotes, pictures and headings. Optional."),
    ),
    FieldPanel("sources", help_text=SOURCES_HELP),
]
FACTS_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "status",
                help_text=_(
                    "“In regular operation” means it is no longer a project but part of "
                    "the municipality's ordinary work."
                ),
            ),
            FieldRowPanel(
                [
                    FieldPanel("start_date", help_text=_("When it started, e.g. 2023-08-15.")),
                    FieldPanel("end_date", help_text=_("Leave empty if it is still going on.")),
                ]
            ),
            FieldPanel(
                "funding",
                help_text=_("Who paid, e.g. “The municipality's own budget” or “ESF+, 2023–2025”."),
            ),
            FieldPanel(
                "last_verified",
                help_text=_(
                    "When someone last checked that this record is still right. You "
                    "will be reminded after a year."
                ),
            ),
        ],
        heading=_("Lifecycle"),
    ),
    MultiFieldPanel(
        [
            FieldPanel(
                "participating_municipalities",
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Other municipalities that ran it with you, if any."),
            ),
            FieldPanel(
                "partners",
                help_text=_(
                    "Organisations you worked with, e.g. the Swedish Public Employment "
                    "Service or a local association."
                ),
            ),
            MultipleChooserPanel(
                "contact_links",
                chooser_field_name="contact",
                # One row is "Contact person 1"; the button "Add contact person".
                label=_("Contact person"),
                heading=_("Contact persons"),
                help_text=CONTACTS_HELP,
            ),
        ],
        heading=_("People and partners"),
    ),
    MultiFieldPanel(
        [
            FieldPanel(
                "adapted_from",
                help_text=_(
                    "If you copied the idea from another municipality's practice, choose it here."
                ),
            ),
            FieldPanel(
                "adaptation_notes",
                help_text=_(
                    "What you changed and why, e.g. “We run it in Arabic and Dari "
                    "instead of Somali.”"
                ),
            ),
        ],
        heading=_("Adapted from another practice"),
    ),
    MultiFieldPanel(
        [FieldPanel("expert_validation_requested", help_text=EXPERT_VALIDATION_HELP)],
        heading=_("Expert validation"),
    ),
    FieldPanel("example_notice", help_text=EXAMPLE_NOTICE_HELP),
]
EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(CONTENT_PANELS, heading=_("Content")),
        ObjectList(FACTS_PANELS, heading=_("Facts")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ]
)
