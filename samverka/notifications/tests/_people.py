"""Users with e-mail addresses for the notification tests. Not a test module."""


def with_email(user, address: str):
    user.email = address
    user.save()
    return user
