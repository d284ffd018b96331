import type {SystemDesignPost} from '../../sanity.types.ts'
import {
  bullet,
  bullets,
  code,
  codeBlock,
  displayMath,
  em,
  heading,
  link,
  math,
  paragraph,
  strong,
  table,
  text,
} from './portable-text.ts'

export const URL_SHORTENER_COVER_REF = 'image-aaacd7adc21020e88431ee3e4623f1126d98e476-1200x630-png'

const BASE62 = `ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode(n: int, width: int = 7) -> str:
    """Base62-encode a non-negative integer, left-padded to a fixed width."""
    if n < 0:
        raise ValueError("ids are non-negative")
    digits = []
    while n:
        n, rem = divmod(n, 62)
        digits.append(ALPHABET[rem])
    return "".join(reversed(digits)).rjust(width, ALPHABET[0])


def decode(code: str) -> int:
    n = 0
    for ch in code:
        n = n * 62 + ALPHABET.index(ch)
    return n`

const DIAGRAM = `┌────────┐     ┌──────────────┐     ┌───────────────┐
│ Client │────►│  API / Edge  │────►│  Redirect     │
└────────┘     │ (stateless)  │     │  cache (LRU)  │
               └──────┬───────┘     └───────┬───────┘
                      │ new link            │ miss
                      ▼                     ▼
               ┌──────────────┐     ┌───────────────┐
               │ Key ranges   │     │  Link store   │
               │ (ZooKeeper)  │     │  (Cassandra)  │
               └──────────────┘     └───────────────┘`

export const urlShortenerPost: SystemDesignPost = {
  _id: 'post-url-shortener',
  _type: 'systemDesignPost',
  _rev: 'Qm3bX8vT2nKc5LpR7sYw4d',
  _createdAt: '2025-08-10T16:02:00Z',
  _updatedAt: '2025-08-14T07:12:40Z',
  title: 'Designing a URL Shortener',
  slug: {_type: 'slug', current: 'url-shortener'},
  date: '2025-08-14T07:30:00.000Z',
  hugoDraft: false,
  description:
    'Turning long links into seven-character codes: key generation without collisions, a read-heavy cache path, and redirects in under 10 ms.',
  tags: ['system design', 'url shortener', 'caching', 'databases'],
  categories: ['System Design', 'Engineering'],
  author: 'ArionDas',
  cover: {
    _type: 'coverImage',
    image: {_type: 'image', asset: {_type: 'reference', _ref: URL_SHORTENER_COVER_REF}},
    alt: 'A client box feeding a service that writes to four key-value storage boxes',
    caption: 'One write, many reads: the shape of every URL shortener.',
    showOnPostPage: false,
    showInLists: false,
  },
  editPost: {
    _type: 'editPostSettings',
    URL: 'https://github.com/ArionDas/blogs/tree/main/content',
    Text: 'Suggest Changes',
    appendFilePath: true,
  },
  systemName: text('URL Shortener'),
  tagline: text('Billions of Redirects from Seven Characters'),
  introduction: {
    _type: 'introductionSection',
    systemType: text('a key-value service'),
    mainPurpose: text('maps short codes to long URLs and redirects browsers to them'),
    useCase: text('link sharing, marketing campaigns and printed QR codes'),
    keyBenefits: text('short, stable links with click analytics'),
    body: [
      paragraph(
        'us-intro-1',
        'A URL shortener looks like a weekend project: store a row, return a code. At scale it is a study in ',
        strong('read-heavy design'),
        ': a popular link is created once and followed millions of times, and every follow is a user waiting for a page.',
      ),
      paragraph(
        'us-intro-2',
        'Seven characters from a 62-letter alphabet give ',
        math('62^{7} \\approx 3.5 \\times 10^{12}'),
        ' codes, enough for almost a century of 100 million new links a day. The hard parts are handing out codes without collisions and answering redirects from memory.',
      ),
    ],
  },
  problemStatement: {
    _type: 'problemStatementSection',
    definition: [
      paragraph(
        'us-prob-1',
        'Given a long URL, return a short code that redirects to it for as long as the link exists. Codes must be unique, hard to enumerate, and resolvable in a few milliseconds from anywhere.',
      ),
    ],
    keyChallenges: bullets(
      'Generating unique codes across many servers without a coordination round trip per link',
      'A read-to-write ratio around 100:1, with a few links receiving most of the traffic',
      'Preventing enumeration of private links by guessing sequential codes',
    ),
    successCriteria: bullets(
      'Redirects answer in under 10 ms at p99 at the edge',
      'No two links ever share a code',
      'A lost cache node costs latency, never correctness',
    ),
  },
  requirements: {
    _type: 'requirementsSection',
    functional: [
      {
        _type: 'labelledItem',
        _key: 'us-fr-create',
        name: text('Shorten'),
        description: text(
          'Create a short code for a URL, optionally with a custom alias and expiry.',
        ),
      },
      {
        _type: 'labelledItem',
        _key: 'us-fr-redirect',
        name: text('Redirect'),
        description: text('Answer GET /{code} with a 301 or 302 to the long URL.'),
      },
      {
        _type: 'labelledItem',
        _key: 'us-fr-stats',
        name: text('Click statistics'),
        description: text('Count clicks per link per day, without slowing the redirect.'),
      },
    ],
    performance: {
      latency: text('< 10 ms at p99 for redirects'),
      throughput: text('100,000 redirects per second, 1,200 new links per second'),
      concurrentUsers: text('Millions of anonymous visitors'),
    },
    scalability: bullets(
      'Stateless API servers behind a load balancer',
      'Storage that grows by adding nodes',
    ),
    reliability: {
      availability: text('99.99% for redirects'),
      faultTolerance: text('Any single node or zone can fail without losing links'),
      durability: text('Links are replicated three times before the API answers'),
    },
    security: bullets(
      'Rate-limit link creation per account and IP',
      'Scan target URLs for malware',
    ),
  },
  architecture: {
    _type: 'architectureSection',
    diagram: DIAGRAM,
    overview: [
      paragraph(
        'us-arch-1',
        'Stateless API servers handle both paths. New links take a code from a ',
        em('key range'),
        ' leased in bulk from ZooKeeper, so creating a link never waits on coordination. Redirects read an in-memory LRU cache first and fall back to Cassandra.',
      ),
    ],
  },
  components: [
    {
      _type: 'systemComponent',
      _key: 'us-cmp-api',
      name: text('API and Redirect Service'),
      purpose: text('Creates links and answers redirects.'),
      responsibilities: bullets(
        'Validate and normalise URLs',
        'Assign codes from the server’s leased key range',
        'Publish click events without blocking the redirect',
      ),
      technologyChoices: text('Go, behind an L7 load balancer'),
    },
    {
      _type: 'systemComponent',
      _key: 'us-cmp-keys',
      name: text('Key Range Allocator'),
      purpose: text('Hands out disjoint blocks of one million IDs to API servers.'),
      responsibilities: bullets(
        'Lease ranges atomically',
        'Never reissue a range, even after a crash',
      ),
      technologyChoices: text('ZooKeeper sequential nodes'),
    },
    {
      _type: 'systemComponent',
      _key: 'us-cmp-store',
      name: text('Link Store'),
      purpose: text('Durable code → URL mapping.'),
      responsibilities: bullets('Replicate each link to three nodes', 'Serve point reads by code'),
      technologyChoices: text('Cassandra, replication factor 3'),
    },
  ],
  designDecisions: [
    {
      _type: 'designDecision',
      _key: 'us-dd-codes',
      title: text('How codes are generated'),
      context: text(
        'Codes must be unique across all API servers and not reveal how many links exist.',
      ),
      options: [
        {
          _type: 'designOption',
          _key: 'us-opt-hash',
          name: text('Hash the URL and take 7 characters'),
          pros: text('No coordination; the same URL gets the same code.'),
          cons: text('Collisions must be detected and retried.'),
        },
        {
          _type: 'designOption',
          _key: 'us-opt-range',
          name: text('Counter ranges, scrambled'),
          pros: text('Collision-free by construction, one ZooKeeper call per million links.'),
          cons: text('Needs a bijective scramble so codes are not sequential.'),
        },
      ],
      decision: text(
        'Counter ranges. Each ID is multiplied by a constant coprime to 62^7 modulo 62^7, a bijection that makes neighbouring IDs look unrelated.',
      ),
      consequences: text(
        'A crashed server wastes the rest of its range; at a million IDs per range that is acceptable.',
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
          _key: 'us-wp-1',
          name: text('Validate'),
          description: text('Normalise the URL and check it against the malware list.'),
        },
        {
          _type: 'labelledItem',
          _key: 'us-wp-2',
          name: text('Assign'),
          description: text('Take the next ID from the local range and scramble it.'),
        },
        {
          _type: 'labelledItem',
          _key: 'us-wp-3',
          name: text('Store'),
          description: text('Write the mapping at QUORUM consistency.'),
        },
      ],
      flow: 'POST /links → Validate → Assign code → Cassandra (QUORUM) → 201 Created',
    },
    readPath: {
      _type: 'dataPath',
      steps: [
        {
          _type: 'labelledItem',
          _key: 'us-rp-1',
          name: text('Cache'),
          description: text('Look the code up in the local LRU cache.'),
        },
        {
          _type: 'labelledItem',
          _key: 'us-rp-2',
          name: text('Store'),
          description: text('On a miss, read from Cassandra at ONE and fill the cache.'),
        },
        {
          _type: 'labelledItem',
          _key: 'us-rp-3',
          name: text('Redirect'),
          description: text('Answer 302 and emit a click event asynchronously.'),
        },
      ],
      flow: 'GET /{code} → LRU cache → Cassandra on miss → 302 Found',
    },
    dataModel: [
      paragraph('us-dm-1', 'One table, keyed by code, holds everything a redirect needs:'),
      table('us-dm-table', [
        ['Column', 'Type', 'Notes'],
        ['code', 'text (partition key)', 'Seven base62 characters'],
        ['long_url', 'text', 'Normalised target'],
        ['created_at', 'timestamp', 'For expiry and audits'],
        ['owner_id', 'uuid', 'Null for anonymous links'],
      ]),
      paragraph(
        'us-dm-2',
        'With ',
        math('k'),
        ' characters the keyspace and, for random codes, the chance of any collision among ',
        math('n'),
        ' links are:',
      ),
      displayMath(
        'us-dm-math',
        'N = 62^{k}, \\qquad p_{\\text{collision}} \\approx 1 - e^{-n^{2} / (2N)}',
      ),
      codeBlock('us-dm-code', 'python', 'base62.py', BASE62),
    ],
  },
  scalability: {
    _type: 'scalabilitySection',
    horizontal: bullets(
      'Add API servers freely; each leases its own key range',
      'Add Cassandra nodes; the partitioner moves a share of codes to each new node',
    ),
    vertical: bullets('Give cache nodes more memory before adding more of them'),
    cacheLayers: [
      {
        _type: 'cacheLayer',
        _key: 'us-cache-cdn',
        cacheType: text('CDN edge'),
        purpose: text('Caches 301 redirects for permanent links'),
      },
      {
        _type: 'cacheLayer',
        _key: 'us-cache-lru',
        cacheType: text('In-process LRU'),
        purpose: text('Holds the hottest million codes per server'),
      },
    ],
    cacheInvalidation: text(
      'Links are immutable, so entries only leave by eviction; deleting a link purges the CDN by code.',
    ),
    sharding: {
      strategy: text('Consistent hashing (Cassandra Murmur3 partitioner)'),
      shardKey: text('The short code'),
      distribution: text('Scrambled codes spread evenly; no hot partitions from sequential IDs'),
    },
  },
  implementation: {
    _type: 'implementationSection',
    techStack: [
      {
        _type: 'techStackRow',
        _key: 'us-ts-api',
        component: text('API'),
        technology: text('Go'),
        reason: text('Low memory per connection'),
      },
      {
        _type: 'techStackRow',
        _key: 'us-ts-db',
        component: text('Database'),
        technology: text('Cassandra'),
        reason: text('Linear write scaling, multi-zone replication'),
      },
      {
        _type: 'techStackRow',
        _key: 'us-ts-keys',
        component: text('Coordination'),
        technology: text('ZooKeeper'),
        reason: text('Atomic range leases'),
      },
      {
        _type: 'techStackRow',
        _key: 'us-ts-queue',
        component: text('Message Queue'),
        technology: text('Kafka'),
        reason: text('Click events for analytics'),
      },
    ],
    codeExamples: [
      {
        _type: 'code',
        _key: 'us-code-scramble',
        language: 'python',
        filename: 'scramble.py',
        code: `KEYSPACE = 62 ** 7
MULTIPLIER = 2_654_435_761  # odd and not a multiple of 31: coprime to 62**7
INVERSE = pow(MULTIPLIER, -1, KEYSPACE)


def scramble(n: int) -> int:
    return (n * MULTIPLIER) % KEYSPACE


def unscramble(n: int) -> int:
    return (n * INVERSE) % KEYSPACE`,
      },
    ],
  },
  tradeOffs: [
    {
      _type: 'tradeOff',
      _key: 'us-to-302',
      title: text('302 instead of 301 redirects'),
      benefit: text('Every click reaches us, so statistics are complete and links can be changed.'),
      cost: text('Browsers do not cache the redirect, so repeat visits cost a request.'),
      decision: text('Analytics are the product; permanent links may opt into 301.'),
    },
  ],
  pitfalls: [
    {
      _type: 'pitfall',
      _key: 'us-pf-enum',
      title: text('Sequential codes'),
      problem: text('Anyone can walk the keyspace and find private links.'),
      solution: text(
        'Scramble IDs with a bijection, and keep private links behind authentication.',
      ),
    },
    {
      _type: 'pitfall',
      _key: 'us-pf-hot',
      title: text('A viral link'),
      problem: text('One code receives a large share of all traffic and overloads its replicas.'),
      solution: text('Serve it from the CDN and the in-process cache; the database sees one read.'),
    },
  ],
  showLikeButtons: true,
  conclusion: {
    _type: 'conclusionSection',
    summary: [
      paragraph(
        'us-conc-1',
        'Hand out codes from leased counter ranges, scramble them, store them once, and serve redirects from memory. The ',
        code('302'),
        ' path is where the latency budget goes; everything else is bookkeeping.',
      ),
      heading('us-conc-h', 'h3', 'When not to build one'),
      bullet(
        'us-conc-b1',
        'A few thousand internal links fit in a config file and a static redirect page.',
      ),
      bullet(
        'us-conc-b2',
        'Marketing links are often better served by an existing service; see ',
        link(
          'RFC 9110 on redirects',
          'https://www.rfc-editor.org/rfc/rfc9110#name-redirection-3xx',
        ),
        ' for the status codes either way.',
      ),
    ],
    keyTakeaways: bullets(
      'Seven base62 characters give 3.5 trillion codes',
      'Counter ranges avoid collisions without per-link coordination',
      'Design for reads: cache at the edge and in process',
    ),
  },
  references: [
    {
      _type: 'citation',
      _key: 'us-ref-rfc',
      title: text('RFC 9110: HTTP Semantics, section 15.4 Redirection 3xx'),
      url: 'https://www.rfc-editor.org/rfc/rfc9110#name-redirection-3xx',
      kind: 'docs',
    },
    {
      _type: 'citation',
      _key: 'us-ref-dynamo',
      title: text('Dynamo: Amazon’s Highly Available Key-value Store (DeCandia et al., SOSP 2007)'),
      url: 'https://www.allthingsdistributed.com/files/amazon-dynamo-sosp2007.pdf',
      kind: 'paper',
    },
  ],
  furtherReading: [
    {
      _type: 'readingLink',
      _key: 'us-fr-bijection',
      title: text('Format-preserving encryption for opaque IDs'),
    },
  ],
}

/** An unpublished edit of the post: the export must keep writing the published version. */
export const urlShortenerDraft: SystemDesignPost = {
  ...urlShortenerPost,
  _id: 'drafts.post-url-shortener',
  _rev: 'Df9kR2mN6qXc1VbT8zLs3h',
  _updatedAt: '2025-10-02T11:40:05Z',
  title: 'Designing a URL Shortener (draft: adding custom domains)',
  tagline: text('Custom Domains, Billions of Redirects'),
}
