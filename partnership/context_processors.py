from django.conf import settings

from partnership import access


def navigation(request):
    """What the header needs: the partnership's name and the signed-in person's roles."""
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "user_roles": access.roles_of(getattr(request, "user", None)),
    }
