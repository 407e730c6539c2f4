//! Role changes and removals. Both run after the caller took the organization's row lock
//! (`super::lock`) in the same transaction and read `actor` and `target` under it, so two
//! owners leaving at once run one after the other and the second sees one owner left.

use serde_json::json;
use sqlx::PgConnection;

use super::{Membership, Role};
use crate::audit::{self, Entry};
use crate::error::AppError;

async fn count_owners(conn: &mut PgConnection, org_id: uuid::Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT count(*) FROM memberships WHERE organization_id = $1 AND role = 'owner'")
        .bind(org_id)
        .fetch_one(conn)
        .await
}

/// Only an owner grants or removes `owner`; the last owner cannot be demoted.
pub async fn change_role(
    conn: &mut PgConnection,
    actor: &Membership,
    target: &Membership,
    new_role: Role,
) -> Result<(), AppError> {
    let current = target.role;
    if (current == Role::Owner || new_role == Role::Owner) && actor.role != Role::Owner {
        return Err(AppError::forbidden("only an owner can change owners"));
    }
    if current == Role::Owner && new_role != Role::Owner && count_owners(conn, target.organization_id).await? <= 1 {
        return Err(AppError::conflict("the last owner cannot be demoted"));
    }
    if current == new_role {
        return Ok(());
    }
    sqlx::query("UPDATE memberships SET role = $2, updated_at = now() WHERE id = $1")
        .bind(target.id)
        .bind(new_role.as_str())
        .execute(&mut *conn)
        .await?;
    let entry = Entry {
        action: "member.role_changed",
        actor_id: Some(actor.user_id),
        organization_id: Some(target.organization_id),
        target: Some(target.user_id.to_string()),
        metadata: json!({ "from": current.as_str(), "to": new_role.as_str() }),
    };
    audit::record(conn, entry).await?;
    Ok(())
}

/// An admin removes others (only an owner removes an owner); anyone may leave; the last
/// owner may not.
pub async fn remove_member(conn: &mut PgConnection, actor: &Membership, target: &Membership) -> Result<(), AppError> {
    let is_self = actor.user_id == target.user_id;
    if !is_self {
        if !actor.role.at_least(Role::Admin) {
            return Err(AppError::forbidden("requires the admin role"));
        }
        if target.role == Role::Owner && actor.role != Role::Owner {
            return Err(AppError::forbidden("only an owner can remove owners"));
        }
    }
    if target.role == Role::Owner && count_owners(conn, target.organization_id).await? <= 1 {
        return Err(AppError::conflict("the last owner cannot leave"));
    }
    sqlx::query("DELETE FROM memberships WHERE id = $1")
        .bind(target.id)
        .execute(&mut *conn)
        .await?;
    let entry = Entry {
        action: "member.removed",
        actor_id: Some(actor.user_id),
        organization_id: Some(target.organization_id),
        target: Some(target.user_id.to_string()),
        metadata: json!({ "left": is_self }),
    };
    audit::record(conn, entry).await?;
    Ok(())
}
