import type {SystemDesignPost} from '../../sanity.types.ts'
import {
  bullet,
  bullets,
  code,
  codeBlock,
  displayMath,
  em,
  heading,
  math,
  paragraph,
  strong,
  table,
  text,
} from './portable-text.ts'

export const NOTIFICATION_COVER_REF = 'image-9f05d808372cee87edc3b6344804f368be4d52c4-1200x630-png'

const WORKER = `import json

from kafka import KafkaConsumer
from redis import Redis

DEDUPE_TTL_SECONDS = 24 * 3600


def run(consumer: KafkaConsumer, redis: Redis, send) -> None:
    for message in consumer:
        job = json.loads(message.value)
        # One delivery per (notification, device), even when Kafka redelivers.
        first_time = redis.set(
            f"sent:{job['notification_id']}:{job['device_id']}",
            1,
            nx=True,
            ex=DEDUPE_TTL_SECONDS,
        )
        if first_time:
            send(job["device_token"], job["payload"])
        consumer.commit()`

const DIAGRAM = `┌───────────┐   ┌──────────────┐   ┌────────────────────┐
│  Product  │──►│ Notification │──►│ Kafka: fanout      │
│  events   │   │     API      │   │ (partition by user)│
└───────────┘   └──────────────┘   └─────────┬──────────┘
                                             ▼
                                  ┌────────────────────┐
                                  │  Fan-out workers   │
                                  │ prefs + devices    │
                                  └─────────┬──────────┘
                       ┌────────────────────┼───────────────────┐
                       ▼                    ▼                   ▼
                ┌────────────┐       ┌────────────┐      ┌────────────┐
                │ APNs queue │       │ FCM queue  │      │ Email queue│
                └────────────┘       └────────────┘      └────────────┘`

export const notificationFanoutPost: SystemDesignPost = {
  _id: 'post-notification-fanout',
  _type: 'systemDesignPost',
  _rev: 'Nf6yB1sK8dWq3ZtR5mXc7p',
  _createdAt: '2025-09-18T13:45:00Z',
  _updatedAt: '2025-09-30T20:10:27Z',
  title: 'Designing a Notification Fan-out Service',
  slug: {_type: 'slug', current: 'notification-fanout'},
  date: '2025-09-30T20:00:00.000Z',
  hugoDraft: true,
  description:
    'Turning one event into millions of push, email and in-app notifications: fan-out on write, per-channel queues, and exactly-once delivery that users can trust.',
  tags: ['system design', 'notifications', 'messaging', 'kafka'],
  categories: ['System Design', 'Engineering'],
  author: 'ArionDas',
  cover: {
    _type: 'coverImage',
    image: {_type: 'image', asset: {_type: 'reference', _ref: NOTIFICATION_COVER_REF}},
    alt: 'One event box splitting into five delivery queues',
    caption: 'One event in, one delivery per device out.',
    showOnPostPage: false,
    showInLists: false,
  },
  editPost: {
    _type: 'editPostSettings',
    URL: 'https://github.com/ArionDas/blogs/tree/main/content',
    Text: 'Suggest Changes',
    appendFilePath: true,
  },
  comments: true,
  systemName: text('Notification Fan-out Service'),
  tagline: text('One Event, Millions of Devices'),
  introduction: {
    _type: 'introductionSection',
    systemType: text('an asynchronous delivery pipeline'),
    mainPurpose: text('turns product events into notifications on every device a user has'),
    useCase: text('social apps, marketplaces and anything with an activity feed'),
    keyBenefits: text('timely, deduplicated notifications that respect each user’s preferences'),
    body: [
      paragraph(
        'nf-intro-1',
        'When an account with ten million followers posts, ten million notifications are due within seconds, each on every device of each follower, each respecting quiet hours and mute settings. The pipeline must absorb that burst without delaying the one notification a user is actually waiting for: ',
        em('your ride is here'),
        '.',
      ),
    ],
  },
  problemStatement: {
    _type: 'problemStatementSection',
    definition: [
      paragraph(
        'nf-prob-1',
        'Deliver every notification to every eligible device exactly once from the user’s point of view, in priority order, across push providers that throttle and fail independently.',
      ),
    ],
    keyChallenges: bullets(
      'Bursts: one event can fan out to millions of deliveries',
      'Providers (APNs, FCM, email) rate-limit and fail independently',
      'Retries must not produce duplicate notifications',
    ),
    successCriteria: bullets(
      'Transactional notifications arrive within 5 seconds at p99',
      'No user sees the same notification twice',
      'A provider outage delays only its own channel',
    ),
  },
  requirements: {
    _type: 'requirementsSection',
    functional: [
      {
        _type: 'labelledItem',
        _key: 'nf-fr-send',
        name: text('Send'),
        description: text('Accept an event with a recipient set and a template.'),
      },
      {
        _type: 'labelledItem',
        _key: 'nf-fr-prefs',
        name: text('Preferences'),
        description: text('Honour per-user channel choices, mutes and quiet hours.'),
      },
    ],
    performance: {
      latency: text('< 5 s end to end at p99 for transactional notifications'),
      throughput: text('500,000 deliveries per second at peak'),
      concurrentUsers: text('200 million registered devices'),
    },
    scalability: bullets('Partition work by recipient so workers scale independently'),
    security: bullets('Device tokens encrypted at rest'),
  },
  architecture: {
    _type: 'architectureSection',
    diagram: DIAGRAM,
    overview: [
      paragraph(
        'nf-arch-1',
        'The API writes one event; fan-out workers expand it into per-device jobs on ',
        strong('per-channel queues'),
        ', so a slow provider backs up only its own queue. Priorities are separate topics, not message fields, so a marketing burst cannot delay a password reset.',
      ),
    ],
  },
  components: [
    {
      _type: 'systemComponent',
      _key: 'nf-cmp-fanout',
      name: text('Fan-out workers'),
      purpose: text('Expand an event into one job per eligible device.'),
      responsibilities: bullets(
        'Page through recipients in batches of 1,000',
        'Apply preferences and quiet hours',
      ),
      technologyChoices: text('Kafka consumers in Python'),
    },
    {
      _type: 'systemComponent',
      _key: 'nf-cmp-senders',
      name: text('Channel senders'),
      purpose: text('Deliver jobs to one provider each, within its rate limits.'),
      responsibilities: bullets('Deduplicate by notification and device', 'Retry with back-off'),
      technologyChoices: text('Python workers, Redis for deduplication'),
    },
  ],
  designDecisions: [
    {
      _type: 'designDecision',
      _key: 'nf-dd-fanout',
      title: text('Fan-out on write or on read'),
      context: text(
        'In-app inboxes can be built either way; push notifications cannot wait for a read.',
      ),
      options: [
        {
          _type: 'designOption',
          _key: 'nf-opt-write',
          name: text('Fan-out on write'),
          pros: text('Reads are a single inbox query; push needs it anyway.'),
          cons: text('Huge accounts create huge bursts.'),
        },
        {
          _type: 'designOption',
          _key: 'nf-opt-read',
          name: text('Fan-out on read'),
          pros: text('No burst: followers pull when they open the app.'),
          cons: text('Cannot drive push; reads get expensive.'),
        },
      ],
      decision: text(
        'Fan-out on write for push and email; in-app inboxes for accounts above one million followers merge on read.',
      ),
    },
  ],
  dataFlow: {
    _type: 'dataFlowSection',
    writePath: {
      _type: 'dataPath',
      steps: [
        {
          _type: 'labelledItem',
          _key: 'nf-wp-1',
          name: text('Accept'),
          description: text('Store the event and return 202.'),
        },
        {
          _type: 'labelledItem',
          _key: 'nf-wp-2',
          name: text('Expand'),
          description: text('Workers page through recipients and devices.'),
        },
        {
          _type: 'labelledItem',
          _key: 'nf-wp-3',
          name: text('Deliver'),
          description: text('Channel senders call the provider and record the result.'),
        },
      ],
      flow: 'Event → Notification API → Kafka → Fan-out workers → Channel queues → Provider',
    },
    dataModel: [
      paragraph(
        'nf-dm-1',
        'The burst size is the product of the event rate ',
        math('E'),
        ' and the mean audience ',
        math('\\bar{a}'),
        ', times devices per user ',
        math('d'),
        ':',
      ),
      displayMath('nf-dm-math', 'R_{\\text{deliveries}} = E \\cdot \\bar{a} \\cdot d'),
      heading('nf-dm-h', 'h4', 'Delivery targets by channel'),
      table('nf-dm-table', [
        ['Channel', 'Priority', 'Target latency'],
        ['Push (transactional)', 'high', '< 5 s'],
        ['Push (social)', 'normal', '< 60 s'],
        ['Email digest', 'low', 'Next digest window'],
      ]),
      bullet(
        'nf-dm-b1',
        'Jobs carry ',
        code('notification_id'),
        ' and ',
        code('device_id'),
        ' for deduplication.',
      ),
      codeBlock('nf-dm-code', 'python', 'sender.py', WORKER),
    ],
  },
  implementation: {
    _type: 'implementationSection',
    techStack: [
      {
        _type: 'techStackRow',
        _key: 'nf-ts-queue',
        component: text('Message Queue'),
        technology: text('Kafka'),
        reason: text('Partitioned, replayable, absorbs bursts'),
      },
      {
        _type: 'techStackRow',
        _key: 'nf-ts-dedupe',
        component: text('Deduplication'),
        technology: text('Redis'),
        reason: text('SET NX with a TTL per delivery'),
      },
      {
        _type: 'techStackRow',
        _key: 'nf-ts-db',
        component: text('Preferences'),
        technology: text('PostgreSQL'),
        reason: text('Relational user settings'),
      },
    ],
    codeExamples: [
      {
        _type: 'code',
        _key: 'nf-code-quiet',
        language: 'python',
        filename: 'quiet_hours.py',
        code: `from datetime import datetime, time
from zoneinfo import ZoneInfo


def in_quiet_hours(now_utc: datetime, tz: str, start: time, end: time) -> bool:
    local = now_utc.astimezone(ZoneInfo(tz)).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # window crosses midnight`,
      },
    ],
    configuration: `topics:
  transactional: {partitions: 64, retention_hours: 24}
  social: {partitions: 256, retention_hours: 24}
senders:
  apns: {max_in_flight: 500, retry_backoff_ms: [100, 1000, 10000]}
  fcm: {max_in_flight: 1000, retry_backoff_ms: [100, 1000, 10000]}`,
  },
  tradeOffs: [
    {
      _type: 'tradeOff',
      _key: 'nf-to-atleast',
      title: text('At-least-once queues, deduplicated at the edge'),
      benefit: text('Kafka’s simple delivery guarantee, no distributed transactions.'),
      cost: text('A Redis write per delivery.'),
      decision: text('Users notice duplicates; a Redis write is cheap.'),
    },
  ],
  pitfalls: [
    {
      _type: 'pitfall',
      _key: 'nf-pf-priority',
      title: text('One queue for every priority'),
      problem: text('A marketing campaign delays password resets behind millions of jobs.'),
      solution: text('Separate topics and worker pools per priority.'),
    },
  ],
  showLikeButtons: true,
  conclusion: {
    _type: 'conclusionSection',
    summary: [
      paragraph(
        'nf-conc-1',
        'Expand events into per-device jobs, isolate channels and priorities in their own queues, and make delivery idempotent at the last step. Everything else is tuning.',
      ),
    ],
    keyTakeaways: bullets(
      'Separate queues per channel and per priority',
      'Deduplicate at the sender with a key per notification and device',
      'Large audiences are better merged on read for in-app inboxes',
    ),
  },
  references: [
    {
      _type: 'citation',
      _key: 'nf-ref-apns',
      title: text('Sending notification requests to APNs (Apple Developer Documentation)'),
      url: 'https://developer.apple.com/documentation/usernotifications/sending-notification-requests-to-apns',
      kind: 'docs',
    },
    {
      _type: 'citation',
      _key: 'nf-ref-kafka',
      title: text(
        'Kafka: a Distributed Messaging System for Log Processing (Kreps et al., NetDB 2011)',
      ),
      kind: 'paper',
    },
  ],
}
