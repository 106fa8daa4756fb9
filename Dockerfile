# Build: TypeScript bundled into dist/ (one file per entry point) with the dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY build.ts ./
COPY src ./src
COPY commands ./commands
RUN npm run build

# Run: production dependencies, dist/ and the bundled pack; no compiler, no tests.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0 \
    CONTENT_DIR=/app/content/pack \
    CARD_CACHE_DIR=/app/cards
# Blocks from 40 KB are mapped and given back when freed, so copies of slide PNGs and socket reads do not
# fragment glibc's main heap and grow RSS under load (docs/design.md). npm run bench:e2e runs both clients
# under this line.
ENV GLIBC_TUNABLES=glibc.malloc.mmap_threshold=40960
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The engine's English lexicon (derived from WordNet by npm run build:lexicon), read at run time.
COPY data ./data
# The bundled pack; mount another (read-only) over /app/content/pack to serve a different article.
COPY content/korea-summit ./content/pack
# Validates the pack and draws its slide cards into the cache now, so a container starts without drawing;
# the bot may add cards there for a pack mounted later.
RUN node dist/main.js check-content && chown -R node:node /app/cards
USER node
EXPOSE 8080
# Docker's "healthy" means ready: the gateway session is up and content is loaded (the slim image has no curl).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1's child under --init / compose's init: SIGTERM reaches the bot, which drains and exits 0.
# No --enable-source-maps: it parses discord.js's source map at start-up (docs/design.md). The bundle is not
# minified, so stack traces read as they are; set NODE_OPTIONS=--enable-source-maps to map them to src/.
ENTRYPOINT ["node", "dist/main.js"]
CMD ["start"]
