# annals: the app image for the full stack (docker-compose.yml). Two stages: build everything
# (TypeScript and the admin UI need the dev dependencies), then keep only what runs.
FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production
# A container is reached from outside it: listen on every interface (the app's own default is 127.0.0.1 on the embedded database).
ENV HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Served at /admin (src/app.ts looks for it beside dist/).
COPY --from=build /app/admin-ui/dist ./admin-ui/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
