from .index import PracticeIndexPage
from .pages import (
    PracticeAttachment,
    PracticeGalleryImage,
    PracticeIndicator,
    PracticeLocation,
    PracticePage,
    PracticePartner,
    PracticeRelatedLink,
    PracticeStatus,
    PracticeTag,
)
from .taxonomy import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    Partner,
    Rayon,
    ServiceType,
)

__all__ = [
    "BeneficiaryGroup",
    "FundingMechanism",
    "Municipality",
    "Oblast",
    "Partner",
    "PracticeAttachment",
    "PracticeGalleryImage",
    "PracticeIndexPage",
    "PracticeIndicator",
    "PracticeLocation",
    "PracticePage",
    "PracticePartner",
    "PracticeRelatedLink",
    "PracticeStatus",
    "PracticeTag",
    "Rayon",
    "ServiceType",
]
