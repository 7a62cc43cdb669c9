package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/triangulate/triangulate/errs"
	"github.com/triangulate/triangulate/server"
	"github.com/triangulate/triangulate/store"
)

func init() { addCommand(newUsersCmd) }

func newUsersCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage workspace accounts and API tokens",
		Long: `Manage the accounts that may use the web workspace ('triangulate serve').
Passwords are read from standard input, never from the command line, and are
stored only as bcrypt hashes. API tokens are printed once and stored only as
SHA-256 hashes.`,
		Example: `  printf '%s\n' "$PASSWORD" | triangulate users add alice --role analyst --password-stdin
  triangulate users token alice --name ci
  triangulate users list`,
	}
	cmd.AddCommand(newUsersAddCmd(a), newUsersListCmd(a), newUsersTokenCmd(a))
	return cmd
}

// openAccounts opens the store with its accounts part (users, sessions,
// tokens, watches); op names the command in the error. The caller closes
// the store.
func (a *app) openAccounts(ctx context.Context, op string) (store.Store, store.Accounts, error) {
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	acc, ok := store.AccountsOf(st)
	if !ok {
		st.Close()
		return nil, nil, errs.E(errs.Internal, op, fmt.Sprintf("store %T keeps no accounts", st))
	}
	return st, acc, nil
}

func newUsersAddCmd(a *app) *cobra.Command {
	var role string
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add an account",
		Long: `Add an account with a role: viewer (reads), analyst (reads and edits claims)
or admin. The password (at least 8 characters) is the first line of standard
input.`,
		Example: `  printf '%s\n' "$PASSWORD" | triangulate users add alice --role analyst --password-stdin`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := store.Role(role)
			if r != store.Viewer && r != store.Analyst && r != store.Admin {
				return usagef("--role must be viewer, analyst or admin, not %q", role)
			}
			_ = fromStdin // the password is always read from stdin; the flag states it explicitly
			pw, err := readPassword(a)
			if err != nil {
				return fmt.Errorf("users add: read password: %w", err)
			}
			hash, err := server.HashPassword(pw)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, acc, err := a.openAccounts(ctx, "users")
			if err != nil {
				return err
			}
			defer st.Close()
			if err := acc.AddUser(ctx, store.User{Name: args[0], PasswordHash: hash, Role: r, Created: time.Now().UTC()}); err != nil {
				return fmt.Errorf("users add %s: %w", args[0], err)
			}
			_, err = fmt.Fprintf(a.stdout, "added %s (%s)\n", args[0], r)
			return err
		},
	}
	cmd.Flags().StringVar(&role, "role", string(store.Viewer), "viewer, analyst or admin")
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", true, "read the password from standard input (the only way)")
	return cmd
}

func newUsersListCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List accounts",
		Long:    "List accounts with their roles and creation dates.",
		Example: "  triangulate users list",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, acc, err := a.openAccounts(ctx, "users")
			if err != nil {
				return err
			}
			defer st.Close()
			us, err := acc.Users(ctx)
			if err != nil {
				return err
			}
			for _, u := range us {
				if _, err := fmt.Fprintf(a.stdout, "%s\t%s\t%s\n", u.Name, u.Role, u.Created.Format(time.DateOnly)); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func newUsersTokenCmd(a *app) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "token USER",
		Short: "Create an API token for an account",
		Long: `Create an API token for an account and print it once; send it as
'Authorization: Bearer TOKEN'. Only its hash is stored.`,
		Example: `  triangulate users token alice --name ci`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, acc, err := a.openAccounts(ctx, "users")
			if err != nil {
				return err
			}
			defer st.Close()
			if _, err := acc.User(ctx, args[0]); err != nil {
				return fmt.Errorf("users token %s: %w", args[0], err)
			}
			tok := server.NewToken()
			if err := acc.PutToken(ctx, store.APIToken{Hash: server.HashToken(tok), User: args[0], Name: name, Created: time.Now().UTC()}); err != nil {
				return fmt.Errorf("users token %s: %w", args[0], err)
			}
			_, err = fmt.Fprintln(a.stdout, tok)
			return err
		},
	}
	cmd.Flags().StringVar(&name, "name", "api", "a label for the token")
	return cmd
}

// readPassword reads one line from stdin, without echo when it is a terminal.
func readPassword(a *app) (string, error) {
	if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(a.stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(io.LimitReader(a.stdin, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}
