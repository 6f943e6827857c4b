#!/usr/bin/env node
// Reads boomerang.analytics.resolution-rate.v1 from offset 0 with plain kafkajs + protobufjs and
// prints the latest value per window as JSON lines. Nothing from Boomerang's code is used: only the
// .proto file. Usage: KAFKA_BROKERS=host:9092 PROTO_DIR=path/to/proto [TOPIC=...] node read-resolution-rate.cjs
const path = require('node:path');
const { Kafka, logLevel } = require('kafkajs');
const protobuf = require('protobufjs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const topic = process.env.TOPIC || 'boomerang.analytics.resolution-rate.v1';
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => path.join(process.env.PROTO_DIR || 'proto', target);
const ResolutionRate = root
  .loadSync('boomerang/events/v1/analytics.proto')
  .lookupType('boomerang.events.v1.ResolutionRate');

(async () => {
  const kafka = new Kafka({ brokers, clientId: 'analyst', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic); // where "now" is, per partition
  await admin.disconnect();
  const todo = new Map(ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high) - 1n]));
  const latest = new Map();
  const consumer = kafka.consumer({ groupId: `analyst-${process.pid}-${Date.now()}` });
  const finish = async () => {
    await consumer.disconnect();
    for (const [key, value] of [...latest].sort()) console.log(JSON.stringify({ key, ...value }));
  };
  if (todo.size === 0) return finish();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      const value = ResolutionRate.toObject(ResolutionRate.decode(message.value), {
        enums: String,
        longs: Number,
      });
      latest.set(message.key.toString(), value); // a compacted topic: the last record per key wins
      if (BigInt(message.offset) >= todo.get(partition)) todo.delete(partition);
      if (todo.size === 0) setImmediate(finish);
    },
  });
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
