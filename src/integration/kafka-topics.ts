import type { Kafka } from 'kafkajs';

/** Creates the topics that do not exist yet (replication follows the broker's default.replication.factor: 1 on a single node). */
export const ensureTopics = async (kafka: Kafka, topics: readonly string[], partitions: number): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: partitions })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
};
