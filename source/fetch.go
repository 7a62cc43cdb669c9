package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/triangulate/triangulate/claim"
	"github.com/triangulate/triangulate/errs"
)

// Fetch defaults.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "Triangulate/1 (+https://github.com/triangulate/triangulate)"
	DefaultPrivateHint  = "fetching it needs --allow-private"
)

// FetchConfig configures a Fetcher.
type FetchConfig struct {
	// AllowPrivate lets the fetcher connect to loopback, private, link-local,
	// multicast and other non-public addresses. Off, such a connection is
	// refused after DNS resolution, on every redirect too.
	AllowPrivate bool
	// Allow lists address ranges allowed even when AllowPrivate is off (an
	// internal news mirror, say).
	Allow []netip.Prefix
	// PrivateHint ends the refusal of a non-public address: how whoever
	// reads it can allow such addresses where they are. "" means
	// DefaultPrivateHint, the CLI's flag; a door with another switch (the
	// web workspace) names its own.
	PrivateHint string
	// MaxBytes caps a response body (after decompression); 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds a whole fetch, body included; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects bounds the redirects followed; 0 means DefaultMaxRedirects.
	MaxRedirects int
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
}

// Fetcher fetches http and https URLs under FetchConfig's guard. It is safe
// for concurrent use and reuses connections.
type Fetcher struct {
	cfg    FetchConfig
	client *http.Client
}

// NewFetcher returns a Fetcher for cfg.
func NewFetcher(cfg FetchConfig) *Fetcher {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.PrivateHint == "" {
		cfg.PrivateHint = DefaultPrivateHint
	}
	f := &Fetcher{cfg: cfg}
	// The guard runs in the dialer's Control hook, which sees the address
	// actually being connected to after DNS resolution: a name that resolves
	// (or rebinds) to a private address, or a redirect to one, is caught the
	// same way as a literal IP.
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: f.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial on our behalf and bypass the guard
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          20,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.Timeout,
	}
	f.client = &http.Client{Transport: tr, CheckRedirect: f.checkRedirect}
	return f
}

// Config returns the fetcher's configuration with defaults filled in.
func (f *Fetcher) Config() FetchConfig { return f.cfg }

// RefusedError is the SSRF guard's refusal of an address or URL.
type RefusedError struct {
	Addr   string // the address or URL refused
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refused %s: %s", e.Addr, e.Reason)
}

func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &RefusedError{Addr: address, Reason: "not an IP address"}
	}
	return f.checkAddr(ap.Addr())
}

// checkAddr refuses a non-public address unless the configuration allows it.
func (f *Fetcher) checkAddr(a netip.Addr) error {
	a = a.Unmap()
	if f.cfg.AllowPrivate {
		return nil
	}
	for _, p := range f.cfg.Allow {
		if p.Contains(a) {
			return nil
		}
	}
	if why := nonPublic(a); why != "" {
		return &RefusedError{Addr: a.String(), Reason: why + " address (" + f.cfg.PrivateHint + ")"}
	}
	return nil
}

var (
	cgnat       = netip.MustParsePrefix("100.64.0.0/10")
	thisNet     = netip.MustParsePrefix("0.0.0.0/8")
	ietfV4      = netip.MustParsePrefix("192.0.0.0/24")
	benchmark   = netip.MustParsePrefix("198.18.0.0/15")
	reservedV4  = netip.MustParsePrefix("240.0.0.0/4")
	nat64       = netip.MustParsePrefix("64:ff9b::/96")
	nat64Local  = netip.MustParsePrefix("64:ff9b:1::/48")
	documentsV6 = netip.MustParsePrefix("2001:db8::/32")
)

// nonPublic names the kind of a non-public address, or returns "".
func nonPublic(a netip.Addr) string {
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local"
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast"
	case a.IsUnspecified(), thisNet.Contains(a):
		return "unspecified"
	case cgnat.Contains(a):
		return "shared (carrier-grade NAT)"
	case ietfV4.Contains(a), benchmark.Contains(a), reservedV4.Contains(a), documentsV6.Contains(a):
		return "reserved"
	case nat64.Contains(a), nat64Local.Contains(a):
		// A NAT64 address embeds an IPv4 one, which may be private.
		v4 := a.As16()
		if why := nonPublic(netip.AddrFrom4([4]byte(v4[12:]))); why != "" {
			return why + " (via NAT64)"
		}
	}
	return ""
}

func checkScheme(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
	default:
		return &RefusedError{Addr: u.Redacted(), Reason: "only http and https URLs are fetched"}
	}
	if u.Host == "" {
		return &RefusedError{Addr: u.Redacted(), Reason: "URL has no host"}
	}
	return nil
}

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.cfg.MaxRedirects {
		return &RefusedError{Addr: req.URL.Redacted(), Reason: fmt.Sprintf("more than %d redirects", f.cfg.MaxRedirects)}
	}
	if err := checkScheme(req.URL); err != nil {
		return err
	}
	return nil
}

// Validators make a fetch conditional: the server answers 304 Not Modified
// when the resource is unchanged since the response that gave them.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched resource.
type Response struct {
	URL          string // after redirects
	Status       int
	NotModified  bool // 304: Body is empty, the caller's copy is current
	ContentType  string
	ETag         string
	LastModified string
	Body         []byte
}

// Validators returns the validators to send with the next fetch of the resource.
func (r *Response) Validators() Validators {
	return Validators{ETag: r.ETag, LastModified: r.LastModified}
}

// Fetch gets rawURL under the guard, the size cap and the timeout. Refusals
// are errs.Refused; HTTP errors are errs.NotFound (404, 410), errs.Unavailable
// (5xx, network) or errs.BadInput (other 4xx).
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	op := "fetch " + rawURL
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	if err := checkScheme(u); err != nil {
		return nil, errs.E(errs.Refused, "fetch", err)
	}
	op = "fetch " + u.Redacted()
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, errs.E(errs.BadInput, op, err)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, text/plain;q=0.9, */*;q=0.1")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.fetchErr(ctx, op, err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode == http.StatusNotFound, resp.StatusCode == http.StatusGone:
		return nil, errs.E(errs.NotFound, op, "HTTP "+resp.Status)
	case resp.StatusCode >= 500:
		return nil, errs.E(errs.Unavailable, op, "HTTP "+resp.Status)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, errs.E(errs.BadInput, op, "HTTP "+resp.Status)
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, errs.E(errs.Refused, op, tooLarge(resp.ContentLength, f.cfg.MaxBytes))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, f.fetchErr(ctx, op, err)
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return nil, errs.E(errs.Refused, op, fmt.Sprintf("too large: more than %s (the cap; raise --max-bytes)", humanBytes(f.cfg.MaxBytes)))
	}
	out.Body = body
	return out, nil
}

// fetchErr turns a client error into a kinded one-line error.
func (f *Fetcher) fetchErr(ctx context.Context, op string, err error) error {
	var re *RefusedError
	if errors.As(err, &re) {
		return errs.E(errs.Refused, op, re)
	}
	// The context deadline and the transport's header timeout are the same
	// length and race each other: either is the fetch timing out.
	var ne net.Error
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return errs.E(errs.Unavailable, op, fmt.Sprintf("timed out after %s (raise --timeout)", f.cfg.Timeout))
	}
	if errors.Is(err, context.Canceled) {
		return errs.E(errs.Unavailable, op, "cancelled")
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return errs.E(errs.Unavailable, op, oneLine(err))
}

// FromURL fetches a URL and ingests what it returns: an HTML page, a feed
// (one source per item) or plain text. It needs a Fetcher.
func (in *Ingester) FromURL(ctx context.Context, rawURL string) ([]*claim.Source, error) {
	if in.Fetcher == nil {
		return nil, errs.E(errs.Refused, "fetch "+rawURL, "URL fetching is not enabled")
	}
	resp, err := in.Fetcher.Fetch(ctx, rawURL, Validators{})
	if err != nil {
		return nil, err
	}
	return in.FromResponse(resp, Meta{})
}

// FromResponse ingests a fetched resource (not a 304). Its name derives from
// the final URL; meta fills what the document does not say.
func (in *Ingester) FromResponse(resp *Response, meta Meta) ([]*claim.Source, error) {
	if resp.NotModified {
		return nil, errs.E(errs.BadInput, "ingest "+resp.URL, "nothing to ingest: not modified")
	}
	name := NameFromURL(resp.URL)
	if name == "" {
		name = resp.URL
	}
	meta.URL = resp.URL
	// The name's extension must not override the server's word on the type.
	op := "ingest " + resp.URL
	if int64(len(resp.Body)) > in.maxBytes() {
		return nil, errs.E(errs.Refused, op, tooLarge(int64(len(resp.Body)), in.maxBytes()))
	}
	ct := resp.ContentType
	if ct == "" || strings.HasPrefix(ct, "application/octet-stream") {
		ct = ""
	}
	return in.build(op, name, resp.Body, ct, meta)
}
