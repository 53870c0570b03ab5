"""The blocks of a practice's story."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.blocks import RICH_TEXT_FEATURES, DocumentLinkBlock, QuoteBlock, StepsBlock


class StoryBlock(blocks.StreamBlock):
    """"What was done": the page body's blocks (portal.blocks.BodyStreamBlock) without images.

    A practice keeps its photos in one place, its gallery. The blocks keep the
    body's names, so stories stored before keep reading the same; their images
    moved to the gallery (migration 0005).
    """

    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    steps = StepsBlock()
