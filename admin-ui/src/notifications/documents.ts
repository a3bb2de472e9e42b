import { gql } from '../graphql-tag';

export const NOTIFICATION_FIELDS = 'id type title body link subjectType subjectId createdAt readAt';

export const NOTIFICATIONS = gql`
  query Notifications($filter: NotificationFilter, $page: Int, $perPage: Int) {
    notifications(filter: $filter, page: $page, perPage: $perPage) {
      total
      unread
      items {
        id
        type
        title
        body
        link
        subjectType
        subjectId
        createdAt
        readAt
      }
    }
  }
`;

export const MARK_NOTIFICATION_READ = gql`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      unread
    }
  }
`;

export const MARK_ALL_NOTIFICATIONS_READ = gql`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead {
      unread
    }
  }
`;

export const NOTIFICATION_PREFERENCES = gql`
  query NotificationPreferences {
    notificationPreferences {
      type
      channel
      enabled
      locked
    }
    emailDigest
  }
`;

export const SET_NOTIFICATION_PREFERENCE = gql`
  mutation SetNotificationPreference($type: String!, $channel: NotificationChannel!, $enabled: Boolean!) {
    setNotificationPreference(type: $type, channel: $channel, enabled: $enabled) {
      type
      channel
      enabled
      locked
    }
  }
`;

export const SET_EMAIL_DIGEST = gql`
  mutation SetEmailDigest($digest: EmailDigest!) {
    setEmailDigest(digest: $digest)
  }
`;

export const OUTBOX = gql`
  query Outbox($page: Int, $perPage: Int) {
    outbox(page: $page, perPage: $perPage) {
      total
      items {
        id
        kind
        to
        subject
        text
        status
        attempts
        lastError
        nextAttemptAt
        createdAt
        sentAt
      }
    }
  }
`;

export const NOTIFICATION_ADDED = gql`
  subscription NotificationAdded {
    notificationAdded {
      id
      type
      title
      body
      link
      createdAt
    }
  }
`;

export type AppNotification = {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string;
  subjectType?: string;
  subjectId?: string;
  createdAt: string;
  readAt?: string | null;
};
