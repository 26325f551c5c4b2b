"""Reads of funding: the list of streams (:mod:`.streams`), one stream's page
(:mod:`.stream_page`), a block's resources for its board (:mod:`.resources`)."""

from reporting.funding.selectors.resources import BlockResources, ResourceLine, block_resources
from reporting.funding.selectors.stream_page import StreamNotFound, StreamPage, stream_page
from reporting.funding.selectors.streams import (
    BlockFunding,
    FundingPage,
    StreamLine,
    funding_lines,
    funding_page,
)

__all__ = [
    "BlockFunding",
    "BlockResources",
    "FundingPage",
    "ResourceLine",
    "StreamLine",
    "StreamNotFound",
    "StreamPage",
    "block_resources",
    "funding_lines",
    "funding_page",
    "stream_page",
]
