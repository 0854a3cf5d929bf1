// A value built on first use, then kept: zod schemas are objects a command may never need (a
// status whose records pass their hand checks parses none), and building them costs start-up.

export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
