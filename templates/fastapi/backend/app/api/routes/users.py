"""The signed-in user's own account: /api/users/me."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from app.api.deps import CurrentUser, SessionDep
from app.schemas.errors import AUTH_ERRORS, error_response
from app.schemas.user import User, UserUpdate
from app.services import users
from app.services.subscriptions import SubscriptionCanceller, subscription_canceller

router = APIRouter(prefix="/users", tags=["users"], responses=AUTH_ERRORS)


@router.get("/me", response_model=User)
async def get_current_user(user: CurrentUser) -> User:
    return User.model_validate(user)


@router.patch("/me", response_model=User)
async def update_current_user(body: UserUpdate, user: CurrentUser, session: SessionDep) -> User:
    changes = body.model_dump(exclude_unset=True, mode="json")
    updated = await users.update_profile(session, user, changes)
    return User.model_validate(updated)


@router.delete(
    "/me",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={502: error_response("A live subscription could not be cancelled; nothing deleted")},
)
async def delete_current_user(
    user: CurrentUser,
    session: SessionDep,
    canceller: Annotated[SubscriptionCanceller, Depends(subscription_canceller)],
) -> Response:
    """Delete the account; a live subscription is cancelled at the provider first."""
    await canceller.cancel_all(session, await users.billed_with_account(session, user))
    await users.delete_account(session, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
