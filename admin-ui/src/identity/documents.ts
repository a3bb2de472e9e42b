import { gql } from '../graphql-tag';

export const USERS = gql`
  query IdentityUsers($page: Int, $perPage: Int) {
    users(page: $page, perPage: $perPage) {
      total
      items {
        id
        email
        name
        role
        status
        active
        joinedAt
        createdAt
      }
    }
  }
`;
export const INVITE_USER = gql`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      invitationUrl
      user {
        id
        email
        name
        role
        status
        active
        joinedAt
        createdAt
      }
    }
  }
`;
export const CHANGE_USER_ROLE = gql`
  mutation ChangeUserRole($userId: ID!, $role: String!) {
    changeUserRole(userId: $userId, role: $role) {
      id
      email
      name
      role
      status
      active
      joinedAt
      createdAt
    }
  }
`;
export const DEACTIVATE_USER = gql`
  mutation DeactivateUser($userId: ID!) {
    deactivateUser(userId: $userId) {
      id
      email
      name
      role
      status
      active
      joinedAt
      createdAt
    }
  }
`;
export const REACTIVATE_USER = gql`
  mutation ReactivateUser($userId: ID!) {
    reactivateUser(userId: $userId) {
      id
      email
      name
      role
      status
      active
      joinedAt
      createdAt
    }
  }
`;
export const ACCEPT_INVITATION = gql`
  mutation AcceptInvitation($token: String!, $password: String!) {
    acceptInvitation(token: $token, password: $password) {
      token
    }
  }
`;
export const REQUEST_PASSWORD_RESET = gql`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`;
export const RESET_PASSWORD = gql`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      token
    }
  }
`;
export const CHANGE_PASSWORD = gql`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`;
export const API_KEYS = gql`
  query IdentityApiKeys {
    apiKeys(page: 1, perPage: 100) {
      total
      items {
        id
        name
        role
        prefix
        status
        createdAt
        expiresAt
        lastUsedAt
      }
    }
  }
`;
export const CREATE_API_KEY = gql`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        role
        prefix
        status
        createdAt
        expiresAt
        lastUsedAt
      }
    }
  }
`;
export const REVOKE_API_KEY = gql`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      name
      role
      prefix
      status
      createdAt
      expiresAt
      lastUsedAt
    }
  }
`;
export const TENANT = gql`
  query IdentityTenant {
    tenant {
      id
      name
      currency
      paymentTermsDays
      timeZone
    }
  }
`;
export const UPDATE_TENANT_SETTINGS = gql`
  mutation UpdateTenantSettings($input: UpdateTenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      id
      name
      currency
      paymentTermsDays
      timeZone
    }
  }
`;
