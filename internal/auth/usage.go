package auth

import (
	"context"
	"maps"
	"sync"
	"time"

	"certibloc/internal/store"
)

// UsageFlushEvery is how often serve writes when tokens and sessions were
// last used (Service.FlushUsage): a request that only reads writes nothing,
// and "last used" is known to the minute.
const UsageFlushEvery = time.Minute

// usage is when the tokens and sessions this process saw were last used,
// since the last flush.
type usage struct {
	mu       sync.Mutex
	tokens   map[int64]time.Time
	sessions map[string]time.Time
}

func (u *usage) noteToken(id int64, at time.Time) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.tokens == nil {
		u.tokens = map[int64]time.Time{}
	}
	u.tokens[id] = at
}

func (u *usage) noteSession(hash string, at time.Time) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.sessions == nil {
		u.sessions = map[string]time.Time{}
	}
	u.sessions[hash] = at
}

func (u *usage) session(hash string) (time.Time, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	at, ok := u.sessions[hash]
	return at, ok
}

// FlushUsage writes when the tokens and sessions were last used (one
// transaction) and slides the sessions' expiry. What it could not write is
// kept for the next flush.
func (s *Service) FlushUsage(ctx context.Context) error {
	s.usage.mu.Lock()
	pending := store.Usage{Tokens: maps.Clone(s.usage.tokens), Sessions: maps.Clone(s.usage.sessions), SessionIdle: s.policy.LoginSessionIdle}
	s.usage.mu.Unlock()
	if err := s.st.RecordUsage(ctx, pending); err != nil {
		return err
	}
	s.usage.mu.Lock()
	defer s.usage.mu.Unlock()
	for id, at := range pending.Tokens {
		if s.usage.tokens[id].Equal(at) {
			delete(s.usage.tokens, id)
		}
	}
	for h, at := range pending.Sessions {
		if s.usage.sessions[h].Equal(at) {
			delete(s.usage.sessions, h)
		}
	}
	return nil
}
