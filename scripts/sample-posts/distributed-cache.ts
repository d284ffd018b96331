import type {SystemDesignPost} from '../../sanity.types.ts'
import {
  bullet,
  bullets,
  code,
  codeBlock,
  displayMath,
  em,
  link,
  math,
  numbered,
  paragraph,
  paragraphs,
  strong,
  table,
  text,
} from './portable-text.ts'

export const DISTRIBUTED_CACHE_COVER_REF =
  'image-ac9810d749aa836f6a05be1f5bdeb81467eac806-1200x630-png'

const GET_OR_LOAD = `package cache

import (
	"context"
	"time"

	"golang.org/x/sync/singleflight"
)

type Store interface {
	Get(ctx context.Context, key string) ([]byte, bool, error)
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
}

type Loader func(ctx context.Context, key string) ([]byte, error)

// ReadThrough collapses concurrent misses for one key into a single load, so a
// popular key expiring does not send a stampede to the database.
type ReadThrough struct {
	store Store
	load  Loader
	ttl   time.Duration
	group singleflight.Group
}

func (c *ReadThrough) Get(ctx context.Context, key string) ([]byte, error) {
	if v, ok, err := c.store.Get(ctx, key); err == nil && ok {
		return v, nil
	}
	v, err, _ := c.group.Do(key, func() (any, error) {
		value, err := c.load(ctx, key)
		if err != nil {
			return nil, err
		}
		// A failed cache write only costs a future miss.
		_ = c.store.Set(ctx, key, value, c.ttl)
		return value, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}`

const DIAGRAM = `┌──────────┐ ┌──────────┐ ┌──────────┐ ┌──────────┐
│  App 1   │ │  App 2   │ │  App 3   │ │  App 4   │
│ (client  │ │ (client  │ │ (client  │ │ (client  │
│  ring)   │ │  ring)   │ │  ring)   │ │  ring)   │
└────┬─────┘ └────┬─────┘ └────┬─────┘ └────┬─────┘
     └──────┬─────┴──────┬─────┴──────┬─────┘
            ▼            ▼            ▼
      ┌──────────┐ ┌──────────┐ ┌──────────┐
      │ Cache A  │ │ Cache B  │ │ Cache C  │
      └────┬─────┘ └────┬─────┘ └────┬─────┘
           └────────────┼────────────┘
                        ▼ miss
               ┌──────────────────┐
               │  Primary database │
               └──────────────────┘`

export const distributedCachePost: SystemDesignPost = {
  _id: 'post-distributed-cache',
  _type: 'systemDesignPost',
  _rev: 'Hc4tW9pL1xZr6NbQ2mVf8k',
  _createdAt: '2025-09-02T09:20:00Z',
  _updatedAt: '2025-09-09T18:05:51Z',
  title: 'Designing a Distributed Cache',
  slug: {_type: 'slug', current: 'distributed-cache'},
  date: '2025-09-09T18:00:00.000Z',
  hugoDraft: false,
  description:
    'Consistent hashing, read-through loading and stampede protection: how to put a memory tier in front of a database without making it a new source of outages.',
  tags: ['system design', 'caching', 'consistent hashing', 'distributed systems'],
  categories: ['System Design', 'Engineering'],
  author: 'ArionDas',
  cover: {
    _type: 'coverImage',
    image: {_type: 'image', asset: {_type: 'reference', _ref: DISTRIBUTED_CACHE_COVER_REF}},
    alt: 'Four application servers above a row of four cache shards above one database',
    caption:
      'Application servers hash each key to one cache shard; misses fall through to the database.',
    showOnPostPage: true,
    showInLists: false,
  },
  editPost: {
    _type: 'editPostSettings',
    URL: 'https://github.com/ArionDas/blogs/tree/main/content',
    Text: 'Suggest Changes',
    appendFilePath: true,
  },
  showToc: true,
  TocOpen: false,
  ShowWordCount: false,
  systemName: text('Distributed Cache'),
  tagline: text('Serving Hot Data at Scale'),
  introduction: {
    _type: 'introductionSection',
    systemType: text('a distributed in-memory cache'),
    mainPurpose: text('keeps hot data close to the application servers'),
    useCase: text('read-heavy web applications'),
    keyBenefits: text('sub-millisecond reads and a database that sees a fraction of the traffic'),
    body: [
      paragraph(
        'dc-intro-1',
        'Most web traffic reads the same small set of rows again and again. A cache tier answers those reads from memory, but the moment it spans more than one machine it must answer three questions: ',
        em('which node owns a key'),
        ', ',
        em('what happens when a node leaves'),
        ', and ',
        em('what happens when a hot key expires'),
        '.',
      ),
    ],
  },
  problemStatement: {
    _type: 'problemStatementSection',
    definition: [
      paragraph(
        'dc-prob-1',
        'Serve 95% of reads from memory across a pool of cache nodes that can grow, shrink and fail, while the database stays the single source of truth.',
      ),
    ],
    keyChallenges: bullets(
      'Adding or removing a node must not remap most keys',
      'A hot key expiring can send thousands of identical queries to the database at once',
      'Stale data after writes',
    ),
    successCriteria: bullets(
      'Hit ratio above 95% in steady state',
      'Losing one node moves only that node’s keys',
      'At most one database load per key per expiry',
    ),
  },
  requirements: {
    _type: 'requirementsSection',
    functional: [
      {
        _type: 'labelledItem',
        _key: 'dc-fr-get',
        name: text('Get and set'),
        description: text('Read and write values by key with a time to live.'),
      },
      {
        _type: 'labelledItem',
        _key: 'dc-fr-invalidate',
        name: text('Invalidate'),
        description: text('Delete a key when the row behind it changes.'),
      },
    ],
    performance: {
      latency: text('< 1 ms at p99 inside a data centre'),
      throughput: text('2 million operations per second across the pool'),
      concurrentUsers: text('Thousands of application processes'),
    },
    reliability: {
      availability: text('99.9%; the application survives a cache outage by reading the database'),
      faultTolerance: text('Loss of any one node'),
      durability: text('None needed: the cache holds copies only'),
    },
  },
  architecture: {
    _type: 'architectureSection',
    diagram: DIAGRAM,
    overview: [
      paragraph(
        'dc-arch-1',
        'Each application server holds the same hash ring and talks to cache nodes directly, so there is no proxy hop. A miss is loaded from the database by the application (',
        strong('read-through'),
        '), and writes delete the key rather than update it.',
      ),
    ],
  },
  components: [
    {
      _type: 'systemComponent',
      _key: 'dc-cmp-client',
      name: text('Client library'),
      purpose: text('Routes each key to its node and collapses concurrent misses.'),
      responsibilities: bullets(
        'Keep the hash ring in sync with the node list',
        'Load misses once per key with singleflight',
      ),
      technologyChoices: text('Go, golang.org/x/sync/singleflight'),
    },
    {
      _type: 'systemComponent',
      _key: 'dc-cmp-nodes',
      name: text('Cache nodes'),
      purpose: text('Hold keys in memory with LRU eviction.'),
      responsibilities: bullets(
        'Evict least recently used keys under memory pressure',
        'Expire keys by TTL',
      ),
      technologyChoices: text('Memcached 1.6'),
    },
  ],
  designDecisions: [
    {
      _type: 'designDecision',
      _key: 'dc-dd-hashing',
      title: text('Key placement'),
      context: text('The node count changes during deploys and failures.'),
      options: [
        {
          _type: 'designOption',
          _key: 'dc-opt-mod',
          name: text('hash(key) mod N'),
          pros: text('Trivial and perfectly even.'),
          cons: text('Changing N remaps almost every key, emptying the cache.'),
        },
        {
          _type: 'designOption',
          _key: 'dc-opt-ring',
          name: text('Consistent hashing with virtual nodes'),
          pros: text('Changing N moves about 1/N of the keys.'),
          cons: text('Needs enough virtual nodes per server to balance load.'),
        },
      ],
      decision: text('Consistent hashing with 160 virtual nodes per server.'),
      consequences: text('Scaling events cost a brief dip in hit ratio instead of a cold cache.'),
    },
  ],
  dataFlow: {
    _type: 'dataFlowSection',
    writePath: {
      _type: 'dataPath',
      steps: [
        {
          _type: 'labelledItem',
          _key: 'dc-wp-1',
          name: text('Write'),
          description: text('Commit the change to the database.'),
        },
        {
          _type: 'labelledItem',
          _key: 'dc-wp-2',
          name: text('Invalidate'),
          description: text('Delete the key on its cache node.'),
        },
      ],
      flow: 'Update → Database commit → Delete cache key',
    },
    readPath: {
      _type: 'dataPath',
      steps: [
        {
          _type: 'labelledItem',
          _key: 'dc-rp-1',
          name: text('Route'),
          description: text('Hash the key onto the ring to find its node.'),
        },
        {
          _type: 'labelledItem',
          _key: 'dc-rp-2',
          name: text('Read'),
          description: text('Return the value on a hit.'),
        },
        {
          _type: 'labelledItem',
          _key: 'dc-rp-3',
          name: text('Load'),
          description: text('On a miss, load once from the database and set it with a TTL.'),
        },
      ],
      flow: 'Get → Ring lookup → Cache node → Database on miss → Set',
    },
    dataModel: [
      paragraph(
        'dc-dm-1',
        'A key belongs to the first virtual node clockwise from its hash. With ',
        math('h'),
        ' a 32-bit hash and ',
        math('V'),
        ' the set of virtual-node positions:',
      ),
      displayMath(
        'dc-dm-math',
        '\\text{owner}(k) = \\min\\{\\, v \\in V : v \\ge h(k) \\,\\} \\quad \\text{(wrapping to } \\min V \\text{)}',
      ),
      paragraph('dc-dm-2', 'Eviction policy by workload:'),
      table('dc-dm-table', [
        ['Policy', 'Good for', 'Weakness'],
        ['LRU', 'Recency-driven traffic', 'One large scan evicts the hot set'],
        ['LFU', 'Stable popularity', 'Slow to forget old favourites'],
        ['TTL only', 'Data that must refresh on a schedule', 'Memory is not bounded'],
      ]),
      numbered('dc-dm-n1', 'Keys are ', code('<table>:<primary key>:v<schema version>'), '.'),
      numbered('dc-dm-n2', 'Values are the serialised row, compressed above 1 KB.'),
      codeBlock('dc-dm-code', 'go', 'readthrough.go', GET_OR_LOAD),
    ],
  },
  scalability: {
    _type: 'scalabilitySection',
    horizontal: bullets('Add nodes to the ring; each takes about 1/N of the keys'),
    vertical: bullets('Memory per node is the first limit; CPU rarely is'),
    cacheLayers: [
      {
        _type: 'cacheLayer',
        _key: 'dc-cl-local',
        cacheType: text('In-process near cache'),
        purpose: text('Absorbs the hottest few hundred keys with a one-second TTL'),
      },
      {
        _type: 'cacheLayer',
        _key: 'dc-cl-pool',
        cacheType: text('Memcached pool'),
        purpose: text('Holds the working set shared by all servers'),
      },
    ],
    cacheInvalidation: text('Delete on write plus a TTL as a safety net for missed deletes.'),
    loadBalancing: {
      algorithm: text('Consistent hashing in the client'),
      healthChecks: text('The client marks a node down after three timeouts in ten seconds'),
      failover: text('A down node’s keys move to the next node on the ring until it returns'),
    },
  },
  implementation: {
    _type: 'implementationSection',
    techStack: [
      {
        _type: 'techStackRow',
        _key: 'dc-ts-cache',
        component: text('Cache'),
        technology: text('Memcached'),
        reason: text('Simple, multi-threaded, predictable memory'),
      },
      {
        _type: 'techStackRow',
        _key: 'dc-ts-db',
        component: text('Database'),
        technology: text('PostgreSQL'),
        reason: text('Source of truth'),
      },
    ],
    codeExamples: [
      {
        _type: 'code',
        _key: 'dc-code-ring',
        language: 'python',
        filename: 'ring.py',
        code: `import bisect
import hashlib


class HashRing:
    def __init__(self, nodes, vnodes=160):
        self._ring = sorted(
            (self._hash(f"{node}#{i}"), node) for node in nodes for i in range(vnodes)
        )
        self._points = [point for point, _ in self._ring]

    @staticmethod
    def _hash(value: str) -> int:
        return int.from_bytes(hashlib.md5(value.encode()).digest()[:4], "big")

    def node_for(self, key: str) -> str:
        index = bisect.bisect_left(self._points, self._hash(key)) % len(self._ring)
        return self._ring[index][1]`,
      },
    ],
    configuration: `cache:
  nodes:
    - "cache-a.internal:11211"
    - "cache-b.internal:11211"
    - "cache-c.internal:11211"
  virtual_nodes: 160
  default_ttl_seconds: 300
  near_cache:
    max_keys: 500
    ttl_seconds: 1`,
  },
  tradeOffs: [
    {
      _type: 'tradeOff',
      _key: 'dc-to-delete',
      title: text('Delete instead of update on write'),
      benefit: text('No race between two writers setting different values.'),
      cost: text('The next read is a miss.'),
      decision: text(
        'One extra database read per write is cheap compared with serving stale data.',
      ),
    },
  ],
  realWorldExamples: [
    {
      _type: 'realWorldExample',
      _key: 'dc-rw-facebook',
      company: text('Facebook (Memcache)'),
      description: paragraphs(
        'Facebook runs memcached as a demand-filled look-aside cache in front of MySQL, with leases to stop stampedes and stale sets, and regional pools shared by front-end clusters.',
      ),
      scale: text('Over a billion requests per second, trillions of items (NSDI 2013)'),
      keyLearnings: bullets(
        'Leases solve both thundering herds and stale sets',
        'Separate pools for keys with different access patterns',
      ),
    },
  ],
  pitfalls: [
    {
      _type: 'pitfall',
      _key: 'dc-pf-stampede',
      title: text('Cache stampede'),
      problem: text('A hot key expires and every server loads it from the database at once.'),
      solution: text('Collapse misses per key (singleflight or leases) and add jitter to TTLs.'),
    },
  ],
  showLikeButtons: false,
  conclusion: {
    _type: 'conclusionSection',
    summary: [
      paragraph(
        'dc-conc-1',
        'Consistent hashing keeps the cache warm through scaling, read-through loading with request collapsing keeps the database safe, and delete-on-write keeps data fresh. Read ',
        link(
          'Scaling Memcache at Facebook',
          'https://www.usenix.org/conference/nsdi13/technical-sessions/presentation/nishtala',
        ),
        ' before building anything bigger.',
      ),
      bullet(
        'dc-conc-b1',
        'Start with look-aside caching; add a near cache only for measured hot keys.',
      ),
    ],
    keyTakeaways: bullets(
      'Consistent hashing moves about 1/N of keys when N changes',
      'Collapse concurrent misses per key',
      'Delete on write, and keep a TTL as a safety net',
    ),
  },
  references: [
    {
      _type: 'citation',
      _key: 'dc-ref-karger',
      title: text('Consistent Hashing and Random Trees (Karger et al., STOC 1997)'),
      url: 'https://dl.acm.org/doi/10.1145/258533.258660',
      kind: 'paper',
    },
    {
      _type: 'citation',
      _key: 'dc-ref-fb',
      title: text('Scaling Memcache at Facebook (Nishtala et al., NSDI 2013)'),
      url: 'https://www.usenix.org/conference/nsdi13/technical-sessions/presentation/nishtala',
      kind: 'case-study',
    },
    {
      _type: 'citation',
      _key: 'dc-ref-ddia',
      title: text('Designing Data-Intensive Applications (Kleppmann, 2017), chapter 6'),
      kind: 'book',
    },
  ],
}

/** A change scheduled in a release: the export must ignore it until the release is published. */
export const distributedCacheVersion: SystemDesignPost = {
  ...distributedCachePost,
  _id: 'versions.rAutumnRefresh.post-distributed-cache',
  _rev: 'Vr2nC7kP4wYb9MtL5xQd1g',
  _updatedAt: '2025-10-01T15:22:09Z',
  tagline: text('Serving Hot Data at Scale, Revisited'),
}

/** The release that `distributedCacheVersion` belongs to, as a dataset export includes it. */
export const autumnRefreshRelease = {
  _id: '_.releases.rAutumnRefresh',
  _type: 'system.release',
  _rev: 'Rl8mZ3qT6vXc2NbK9pWs4j',
  _createdAt: '2025-10-01T15:20:00Z',
  _updatedAt: '2025-10-01T15:20:00Z',
  name: 'rAutumnRefresh',
  state: 'active',
  metadata: {title: 'Autumn refresh', releaseType: 'asap'},
} as const
